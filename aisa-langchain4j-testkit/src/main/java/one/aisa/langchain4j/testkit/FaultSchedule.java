package one.aisa.langchain4j.testkit;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The faults queued per model, or for {@link AisaSimulator#ANY_MODEL}: a number of times each, or for ever. */
final class FaultSchedule {

    /** The number of times that means every call, until cleared. */
    static final int ALWAYS = -1;

    private final Map<String, ModelQueue> queues = new ConcurrentHashMap<>();

    void add(String model, SimulatedFault fault, int times) {
        queues.computeIfAbsent(model, m -> new ModelQueue()).add(fault, times);
    }

    /** The fault for the next call to {@code model}: its own first, then one for every model; or {@code null}. */
    SimulatedFault next(String model) {
        SimulatedFault fault = next(queues.get(model));
        return fault != null ? fault : next(queues.get(AisaSimulator.ANY_MODEL));
    }

    void clear() {
        queues.clear();
    }

    private static SimulatedFault next(ModelQueue queue) {
        return queue == null ? null : queue.next();
    }

    private static final class ModelQueue {
        private final List<SimulatedFault> queue = new ArrayList<>();
        private final List<Integer> remaining = new ArrayList<>();

        synchronized void add(SimulatedFault fault, int times) {
            queue.add(fault);
            remaining.add(times);
        }

        synchronized SimulatedFault next() {
            if (queue.isEmpty()) {
                return null;
            }
            int left = remaining.get(0);
            SimulatedFault fault = queue.get(0);
            if (left == ALWAYS) {
                return fault;
            }
            if (left <= 1) {
                queue.remove(0);
                remaining.remove(0);
            } else {
                remaining.set(0, left - 1);
            }
            return fault;
        }
    }
}

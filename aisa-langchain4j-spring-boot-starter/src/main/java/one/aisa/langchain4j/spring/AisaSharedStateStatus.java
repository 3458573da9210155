package one.aisa.langchain4j.spring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Whether each piece of shared state is in an outage (Redis did not answer its last call), for
 * {@code /actuator/aisa} and the {@code aisa.shared_state.outage} gauge. Made by the shared-state auto-configuration.
 */
public final class AisaSharedStateStatus {

    private final Map<String, BooleanSupplier> outages = new LinkedHashMap<>();

    AisaSharedStateStatus add(String part, BooleanSupplier inOutage) {
        outages.put(part, inOutage);
        return this;
    }

    /** Each part (budget, circuits, cache) and whether it is in an outage now. */
    public Map<String, Boolean> outages() {
        Map<String, Boolean> now = new LinkedHashMap<>();
        outages.forEach((part, inOutage) -> now.put(part, inOutage.getAsBoolean()));
        return now;
    }
}

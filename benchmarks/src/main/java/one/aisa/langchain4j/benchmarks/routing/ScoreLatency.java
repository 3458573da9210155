package one.aisa.langchain4j.benchmarks.routing;

import java.util.Arrays;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The time one call of a scoring function takes, per input, on the calling thread: warm-up passes over all inputs
 * (so the JIT has compiled it), then timed passes, each call timed on its own with {@link System#nanoTime()}. The
 * timer's own cost (a few tens of nanoseconds) is included, the same for every function measured.
 */
final class ScoreLatency<T> {

    /**
     * Per-call times in microseconds.
     *
     * @param median the median
     * @param p99 the 99th percentile (nearest rank)
     * @param calls the timed calls
     */
    record Result(double median, double p99, int calls) {}

    private final List<T> inputs;
    private final int warmUpPasses;
    private final int timedPasses;
    /** Keeps the scores alive, so that the JIT cannot drop the work measured. */
    private double sink;

    ScoreLatency(List<T> inputs, int warmUpPasses, int timedPasses) {
        this.inputs = List.copyOf(inputs);
        this.warmUpPasses = warmUpPasses;
        this.timedPasses = timedPasses;
    }

    Result measure(ToDoubleFunction<T> score) {
        for (int pass = 0; pass < warmUpPasses; pass++) {
            for (T input : inputs) {
                sink += score.applyAsDouble(input);
            }
        }
        long[] nanos = new long[inputs.size() * timedPasses];
        int call = 0;
        for (int pass = 0; pass < timedPasses; pass++) {
            for (T input : inputs) {
                long start = System.nanoTime();
                sink += score.applyAsDouble(input);
                nanos[call++] = System.nanoTime() - start;
            }
        }
        Arrays.sort(nanos);
        return new Result(percentile(nanos, 0.5), percentile(nanos, 0.99), nanos.length);
    }

    /** The sum of every score computed: print it, so that the work is observably used. */
    double sink() {
        return sink;
    }

    private static double percentile(long[] sorted, double fraction) {
        int rank = (int) Math.ceil(fraction * sorted.length);
        return sorted[Math.max(0, rank - 1)] / 1_000.0;
    }
}

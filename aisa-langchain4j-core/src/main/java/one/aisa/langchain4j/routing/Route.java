package one.aisa.langchain4j.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** One model in a chain, under its label, with its circuit breaker ({@code null} when breakers are off). */
final class Route<M> {

    final String label;
    final M model;
    final CircuitBreaker breaker;
    /** Whether this instance holds the shared half-open probe of this model (see {@link SharedCircuitState}). */
    final java.util.concurrent.atomic.AtomicBoolean probing = new java.util.concurrent.atomic.AtomicBoolean();

    private final java.util.concurrent.atomic.AtomicLong latencyEwmaBits =
            new java.util.concurrent.atomic.AtomicLong(Double.doubleToLongBits(Double.NaN));
    private final java.util.concurrent.atomic.AtomicLong answers = new java.util.concurrent.atomic.AtomicLong();
    private static final double EWMA_WEIGHT = 0.3;

    Route(String label, M model, CircuitBreaker breaker) {
        this.label = label;
        this.model = model;
        this.breaker = breaker;
    }

    /** Takes a permit; false when the breaker is open (or half-open with its probes already out). */
    boolean tryAcquire() {
        return breaker == null || breaker.tryAcquirePermission();
    }

    /** Whether a call could be let through now, without taking a permit. */
    boolean looksAvailable() {
        if (breaker == null) {
            return true;
        }
        CircuitBreaker.State state = breaker.getState();
        return state != CircuitBreaker.State.FORCED_OPEN
                && (state != CircuitBreaker.State.OPEN || breaker.tryAcquirePermission() && release());
    }

    private boolean release() {
        breaker.releasePermission();
        return true;
    }

    /** Folds an answer's latency into the moving average. */
    void observeLatency(long nanos) {
        double millis = nanos / 1_000_000.0;
        answers.incrementAndGet();
        latencyEwmaBits.getAndUpdate(bits -> {
            double previous = Double.longBitsToDouble(bits);
            return Double.doubleToLongBits(
                    Double.isNaN(previous) ? millis : EWMA_WEIGHT * millis + (1 - EWMA_WEIGHT) * previous);
        });
    }

    RouteCandidate candidate(one.aisa.langchain4j.catalog.AisaModelCatalog catalog) {
        return new RouteCandidate(
                label, catalog.find(label), Double.longBitsToDouble(latencyEwmaBits.get()), answers.get());
    }

    CircuitBreaker.State state() {
        return breaker == null ? CircuitBreaker.State.DISABLED : breaker.getState();
    }
}

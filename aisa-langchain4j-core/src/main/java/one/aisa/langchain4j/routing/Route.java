package one.aisa.langchain4j.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;

/** One model in a chain, under its label, with its circuit breaker ({@code null} when breakers are off). */
final class Route<M> {

    final String label;
    final M model;
    final CircuitBreaker breaker;

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

    CircuitBreaker.State state() {
        return breaker == null ? CircuitBreaker.State.DISABLED : breaker.getState();
    }
}

package one.aisa.langchain4j.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Circuit breakers that several routers share, one per model label: a model that fails in one router is skipped by
 * all of them. Give the same instance to a {@link RoutingChatModel} and a {@link RoutingStreamingChatModel} over the
 * same models (as the Spring starter does), so that an outage costs one failed request, not one per router, and both
 * report the same health.
 *
 * <p>A breaker is made by the first router that needs it, with that router's {@link CircuitBreakerSettings} and
 * clock: give the sharing routers the same ones.
 */
public final class SharedCircuitBreakers {

    private final Map<String, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    /** The breaker of the model with this label, made by {@code create} if there is none yet. */
    CircuitBreaker breaker(String label, Supplier<CircuitBreaker> create) {
        return breakers.computeIfAbsent(label, ignored -> create.get());
    }

    @Override
    public String toString() {
        return "SharedCircuitBreakers" + breakers.keySet();
    }
}

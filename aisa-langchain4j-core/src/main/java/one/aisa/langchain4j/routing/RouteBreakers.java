package one.aisa.langchain4j.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.function.Supplier;
import one.aisa.langchain4j.exception.ErrorCategory;

/**
 * A router's circuit breakers and what they say: one Resilience4j breaker per model (a model in several chains keeps
 * one, since its health does not depend on the chain; with {@link SharedCircuitBreakers}, routers share it too),
 * which failures count, and the health report.
 */
final class RouteBreakers<M> {

    /** Failures that say something about the model's health. */
    static final Predicate<Throwable> COUNTS = failure -> switch (ErrorCategory.of(failure)) {
        case MODEL_UNAVAILABLE, RATE_LIMIT, TRANSIENT, UNKNOWN -> true;
        default -> false;
    };

    private final CircuitBreakerSettings settings;
    private final Clock clock;
    private final SharedCircuitBreakers shared;
    private final SharedCircuitState sharedState;
    private final Map<M, CircuitBreaker> byModel = new IdentityHashMap<>();

    RouteBreakers(
            CircuitBreakerSettings settings,
            Clock clock,
            SharedCircuitBreakers shared,
            SharedCircuitState sharedState) {
        this.settings = settings;
        this.clock = clock;
        this.shared = shared;
        this.sharedState = settings.enabled() ? sharedState : null;
    }

    /**
     * Whether the walk may call this model now: its own breaker lets it, and so do the other instances (one round
     * trip, when their state is shared). A permit taken and then refused by the others is given back.
     */
    boolean permits(Route<M> route) {
        if (!route.tryAcquire()) {
            return false;
        }
        if (sharedState == null) {
            return true;
        }
        SharedCircuitState.Permit permit = sharedState.permit(route.label, clock.instant());
        if (permit == SharedCircuitState.Permit.SKIP) {
            route.breaker.releasePermission();
            return false;
        }
        if (permit == SharedCircuitState.Permit.PROBE) {
            route.probing.set(true);
        }
        return true;
    }

    /** The breaker of this model, {@code null} when breakers are off. */
    CircuitBreaker breakerFor(String label, M model) {
        if (!settings.enabled()) {
            return null;
        }
        Supplier<CircuitBreaker> create = () -> CircuitBreaker.of(label, settings.toResilience4j(clock, COUNTS));
        return byModel.computeIfAbsent(model, m -> shared == null ? create.get() : shared.breaker(label, create));
    }

    void success(Route<M> route, long nanos) {
        if (route.breaker != null) {
            route.breaker.onSuccess(nanos, TimeUnit.NANOSECONDS);
        }
        if (sharedState != null && route.probing.compareAndSet(true, false)) {
            sharedState.probeEnded(route.label, true, null);
        }
    }

    void failure(Route<M> route, Throwable failure, long nanos) {
        if (route.breaker == null) {
            return;
        }
        boolean wasOpen = route.breaker.getState() == CircuitBreaker.State.OPEN;
        route.breaker.onError(nanos, TimeUnit.NANOSECONDS, failure);
        Duration openFor = settings.openDuration();
        if (ErrorCategory.of(failure) == ErrorCategory.MODEL_UNAVAILABLE) {
            // a wrong or retired model id stays wrong: skip it for a long while after one failure
            route.breaker.transitionToOpenStateFor(settings.unavailableOpenDuration());
            openFor = settings.unavailableOpenDuration();
        }
        if (sharedState == null) {
            return;
        }
        Instant until = clock.instant().plus(openFor);
        if (route.probing.compareAndSet(true, false)) {
            sharedState.probeEnded(route.label, false, until);
        } else if (!wasOpen && route.breaker.getState() == CircuitBreaker.State.OPEN) {
            sharedState.opened(route.label, until);
        }
    }

    /** Each model's circuit once, in chain order. */
    static <M> List<RouteHealth> health(List<List<Route<M>>> chains) {
        List<RouteHealth> health = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (List<Route<M>> routes : chains) {
            for (Route<M> route : routes) {
                if (seen.add(route.label)) {
                    CircuitBreaker.Metrics metrics = route.breaker == null ? null : route.breaker.getMetrics();
                    health.add(new RouteHealth(
                            route.label,
                            route.state().name(),
                            metrics == null || metrics.getFailureRate() < 0 ? null : metrics.getFailureRate(),
                            metrics == null ? 0 : metrics.getNumberOfBufferedCalls()));
                }
            }
        }
        return health;
    }
}

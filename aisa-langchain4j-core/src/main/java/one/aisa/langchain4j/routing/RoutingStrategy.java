package one.aisa.langchain4j.routing;

import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;

/**
 * Chooses, per request, which of a router's models to try and in what order; the router then falls back along
 * that order under its failover policy and circuit breakers. Built-in strategies are in {@link RoutingStrategies}.
 * Implementations must be thread-safe and fast (no network calls): they run on every request.
 *
 * <p><b>Experimental:</b> may change in any release (the README's Compatibility section).
 */
@FunctionalInterface
public interface RoutingStrategy {

    /**
     * @param request the request, with its {@link RequestFeatures} to hand via {@code RequestFeatures.of(request)}
     * @param candidates the router's models in chain order
     * @return the models to try, best first; leaving a model out means it is not capable of this request
     */
    List<RouteCandidate> order(ChatRequest request, RequestFeatures features, List<RouteCandidate> candidates);
}

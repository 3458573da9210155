package one.aisa.langchain4j.routing;

import dev.langchain4j.exception.UnsupportedFeatureException;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import one.aisa.langchain4j.catalog.AisaModelCatalog;

/**
 * Plans a call before any model is asked: the strategy's order over the chain, the models that can take the
 * request, and what the budget allows. The walk along the plan ({@link ChainWalk}) is separate.
 */
final class RoutePlanner<M> {

    private final List<Route<M>> chain;
    private final RoutingStrategy strategy;
    private final AisaModelCatalog catalog;
    private final BudgetGuard budget;

    RoutePlanner(List<Route<M>> chain, RoutingStrategy strategy, AisaModelCatalog catalog, BudgetGuard budget) {
        this.chain = chain;
        this.strategy = strategy;
        this.catalog = catalog;
        this.budget = budget;
    }

    /**
     * The models to try for this request, in order: the chain, or the strategy's choice; under a spent budget the
     * cheapest capable ones (or a {@link BudgetExceededException}).
     */
    List<Route<M>> chainFor(ChatRequest request) {
        if (strategy == null && budget == null) {
            return chain;
        }
        RequestFeatures features = RequestFeatures.of(request);
        RoutingStrategy effective = strategy;
        if (budget != null && budget.exhausted()) {
            if (budget.budget.action() == Budget.Action.FAIL) {
                throw budget.exceeded("the window's limit is reached");
            }
            effective = RoutingStrategies.cheapestCapable();
        }
        List<RouteCandidate> candidates = new ArrayList<>();
        for (Route<M> route : chain) {
            candidates.add(route.candidate(catalog));
        }
        List<RouteCandidate> ordered =
                effective == null ? candidates : effective.order(request, features, List.copyOf(candidates));
        if (budget != null && budget.budget.perCallLimit() != null) {
            ordered = withinPerCallLimit(ordered, features);
        }
        if (ordered.isEmpty()) {
            throw new UnsupportedFeatureException("No model of the router can take this" + " request ("
                    + needs(features) + "): add a capable model to the chain, or check the catalog.");
        }
        List<Route<M>> routes = new ArrayList<>();
        for (RouteCandidate candidate : ordered) {
            for (Route<M> route : chain) {
                if (route.label.equals(candidate.label()) && !routes.contains(route)) {
                    routes.add(route);
                }
            }
        }
        return routes;
    }

    private List<RouteCandidate> withinPerCallLimit(List<RouteCandidate> ordered, RequestFeatures features) {
        BigDecimal limit = budget.budget.perCallLimit();
        List<RouteCandidate> affordable = new ArrayList<>();
        for (RouteCandidate candidate : ordered) {
            if (candidate.info().isPresent()
                    && RoutingStrategies.expectedCost(candidate, features).compareTo(limit) <= 0) {
                affordable.add(candidate);
            }
        }
        if (!affordable.isEmpty()) {
            return affordable;
        }
        if (budget.budget.action() == Budget.Action.FAIL) {
            throw budget.exceeded("every capable model is estimated above the per-call limit of " + limit + " USD");
        }
        List<RouteCandidate> cheapest = RoutingStrategies.cheapestCapable().order(null, features, ordered);
        return cheapest.isEmpty() ? cheapest : List.of(cheapest.get(0));
    }

    private static String needs(RequestFeatures features) {
        List<String> needs = new ArrayList<>();
        if (features.needsVision()) {
            needs.add("vision");
        }
        if (features.needsTools()) {
            needs.add("tools");
        }
        if (features.needsJsonSchema()) {
            needs.add("JSON schema");
        }
        needs.add("about " + features.estimatedPromptTokens() + " prompt tokens");
        return String.join(", ", needs);
    }
}

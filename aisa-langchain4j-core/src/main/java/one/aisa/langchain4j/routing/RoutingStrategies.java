package one.aisa.langchain4j.routing;

import dev.langchain4j.model.chat.request.ChatRequest;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in {@link RoutingStrategy}s.
 *
 * <p><b>Experimental:</b> may change in any release (the README's Compatibility section).
 */
public final class RoutingStrategies {

    private static final Logger LOG = LoggerFactory.getLogger(RoutingStrategies.class);
    private static final Set<String> WARNED_UNPRICED = ConcurrentHashMap.newKeySet();

    private RoutingStrategies() {}

    /**
     * The cheapest model whose capabilities fit the request (images, tools, JSON schema, prompt within the context
     * window), then the others in price order. Models missing from the catalog cannot be priced: they come last,
     * and are reported once, never treated as free.
     */
    public static RoutingStrategy cheapestCapable() {
        return (request, features, candidates) -> {
            List<RouteCandidate> priced = new ArrayList<>();
            List<RouteCandidate> unpriced = new ArrayList<>();
            for (RouteCandidate candidate : candidates) {
                if (candidate.info().isEmpty()) {
                    if (WARNED_UNPRICED.add(candidate.label())) {
                        LOG.warn(
                                "Model '{}' is not in the catalog: cost-aware routing cannot price it and tries it"
                                        + " last. Add it with AisaModelCatalog.with(...).",
                                candidate.label());
                    }
                    unpriced.add(candidate);
                } else if (features.fits(candidate.info().get())) {
                    priced.add(candidate);
                }
            }
            priced.sort(Comparator.comparing(candidate -> expectedCost(candidate, features)));
            priced.addAll(unpriced);
            return priced;
        };
    }

    /**
     * Routes by task type: the request's {@link RoutingRequestParameters#taskType()} hint, else the
     * {@link TaskClassifier}'s guess. The rule's models come first, in order; the rest of the chain follows as
     * fallbacks. Models the catalog knows cannot take the request are left out.
     */
    public static RoutingStrategy byTask(TaskRules rules) {
        Objects.requireNonNull(rules, "rules");
        return (request, features, candidates) -> {
            TaskType task = taskOf(request, features);
            return preferring(rules.preferred(task), capable(features, candidates));
        };
    }

    /** The task type a request is routed as: its hint, else the classifier's guess. */
    public static TaskType taskOf(ChatRequest request, RequestFeatures features) {
        if (request.parameters() instanceof RoutingRequestParameters routing && routing.taskType() != null) {
            return routing.taskType();
        }
        return TaskClassifier.classify(features);
    }

    /**
     * Cheap models for easy requests, premium models for hard ones, with one number: the share of calls that should
     * go premium. The learned {@link DifficultyModel} scores each request; RouteLLM's calibration sets the threshold
     * to the quantile of scores that sends that share premium, and the share holds from the first call (see
     * {@link TieredStrategy}).
     */
    public static TieredStrategy tiered(List<String> cheapModels, List<String> premiumModels, double premiumShare) {
        return new TieredStrategy(cheapModels, premiumModels, premiumShare);
    }

    /** As {@link #tiered(List, List, double)}, scoring with another model (e.g. one retrained on your own data). */
    public static TieredStrategy tiered(
            List<String> cheapModels, List<String> premiumModels, double premiumShare, DifficultyModel difficulty) {
        return new TieredStrategy(cheapModels, premiumModels, premiumShare, difficulty);
    }

    /**
     * For chains of many models: per request, the cheapest capable model expected to reach {@code qualityTarget}
     * (0 to 1) of what the best model of the chain would score on it, from each model's quality index and the
     * request's learned difficulty (see {@link QualityAwareStrategy}). 1 sends everything to the best model, 0 to
     * the cheapest capable one; a model without a quality index is never assumed good.
     */
    public static QualityAwareStrategy qualityAware(double qualityTarget) {
        return new QualityAwareStrategy(qualityTarget, DifficultyModel.builtIn());
    }

    /** As {@link #qualityAware(double)}, scoring with another difficulty model. */
    public static QualityAwareStrategy qualityAware(double qualityTarget, DifficultyModel difficulty) {
        return new QualityAwareStrategy(qualityTarget, difficulty);
    }

    /** Spreads calls over equivalent models in proportion to their weights; the others follow as fallbacks. */
    public static RoutingStrategy weighted(Map<String, Integer> weights) {
        return weighted(weights, new Random()::nextDouble);
    }

    /** As {@link #weighted(Map)}, drawing from {@code random} (seed it for reproducible tests). */
    public static RoutingStrategy weighted(Map<String, Integer> weights, DoubleSupplier random) {
        weights.forEach((model, weight) -> {
            if (weight == null || weight < 0) {
                throw new IllegalArgumentException("the weight of " + model + " must be 0 or more, was " + weight);
            }
        });
        Map<String, Integer> copy = Map.copyOf(weights);
        return (request, features, candidates) -> {
            List<RouteCandidate> pool = new ArrayList<>();
            List<RouteCandidate> rest = new ArrayList<>();
            for (RouteCandidate candidate : capable(features, candidates)) {
                (copy.getOrDefault(candidate.label(), 0) > 0 ? pool : rest).add(candidate);
            }
            List<RouteCandidate> ordered = new ArrayList<>();
            synchronized (random) {
                while (!pool.isEmpty()) {
                    long total =
                            pool.stream().mapToLong(c -> copy.get(c.label())).sum();
                    double pick = random.getAsDouble() * total;
                    int chosen = 0;
                    for (double seen = copy.get(pool.get(0).label()); seen <= pick && chosen < pool.size() - 1; ) {
                        chosen++;
                        seen += copy.get(pool.get(chosen).label());
                    }
                    ordered.add(pool.remove(chosen));
                }
            }
            ordered.addAll(rest);
            return ordered;
        };
    }

    /**
     * The model with the lowest observed latency (exponentially weighted average of its answers) first; models not
     * yet observed go first so that each gets measured.
     */
    public static RoutingStrategy lowestLatency() {
        return (request, features, candidates) -> {
            List<RouteCandidate> ordered = capable(features, candidates);
            ordered.sort(Comparator.comparingDouble(
                    candidate -> Double.isNaN(candidate.latencyEwmaMillis()) ? -1 : candidate.latencyEwmaMillis()));
            return ordered;
        };
    }

    /**
     * The candidates that can take the request as far as the catalog knows; models missing from the catalog stay
     * (nothing says they cannot).
     */
    static List<RouteCandidate> capable(RequestFeatures features, List<RouteCandidate> candidates) {
        List<RouteCandidate> capable = new ArrayList<>();
        for (RouteCandidate candidate : candidates) {
            if (candidate.info().map(features::fits).orElse(true)) {
                capable.add(candidate);
            }
        }
        return capable;
    }

    static BigDecimal expectedCost(RouteCandidate candidate, RequestFeatures features) {
        return candidate
                .info()
                .map(info -> info.priceOf(features.estimatedPromptTokens(), features.expectedOutputTokens()))
                .orElse(BigDecimal.valueOf(Long.MAX_VALUE));
    }

    /** The preferred models first (in preference order), then the others in their given order. */
    static List<RouteCandidate> preferring(List<String> preferred, List<RouteCandidate> candidates) {
        Set<RouteCandidate> ordered = new LinkedHashSet<>();
        for (String model : preferred) {
            for (RouteCandidate candidate : candidates) {
                if (candidate.label().equals(model)) {
                    ordered.add(candidate);
                }
            }
        }
        ordered.addAll(candidates);
        return new ArrayList<>(ordered);
    }
}

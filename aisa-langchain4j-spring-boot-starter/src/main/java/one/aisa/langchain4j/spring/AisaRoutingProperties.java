package one.aisa.langchain4j.spring;

import static one.aisa.langchain4j.spring.AisaConfigurationErrors.property;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import one.aisa.langchain4j.routing.RoutingStrategies;
import one.aisa.langchain4j.routing.RoutingStrategy;
import one.aisa.langchain4j.routing.TaskRules;
import one.aisa.langchain4j.routing.TaskType;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Fallback routing: when {@code fallbacks}, a strategy, a context-window or content-policy chain, or a budget is
 * set, the beans are routers trying {@code aisa.chat.model} first and then each fallback in order. The starter checks
 * what only it knows (the chains' model ids, the strategy's name); the core checks the strategies' settings.
 *
 * @param fallbacks Model ids tried in order after aisa.chat.model when it fails in a way that moves on (unavailable,
 *     rate-limited, timed out, server error).
 * @param strategy How the models are ordered per request: none (the chain order), cheapest-capable, by-task, tiered,
 *     quality-aware, weighted or lowest-latency. Models a strategy names that are not in the chain join it.
 * @param tiered The cheap and premium models of the tiered strategy, and the share of calls sent premium.
 * @param qualityTarget The quality-aware strategy's target, 0 to 1: per request, the cheapest capable model expected
 *     to reach this share of the best model's score (from the catalog's quality indexes and the request's learned
 *     difficulty). 1 sends everything to the best model, 0 to the cheapest one.
 * @param weights The weighted strategy's share of calls per model id, e.g. gpt-4o-mini=3, claude-haiku-4-5=1. Ids
 *     with dots bind as written: aisa.routing.weights.gpt-4.1=2.
 * @param taskRules The by-task strategy's models per task type (code, creative, fast, vision, chinese, reasoning,
 *     general), best first; replaces the built-in rule of each task type given.
 * @param contextWindowFallbacks Models with larger context windows, tried in order when a prompt does not fit.
 * @param contentPolicyFallbacks Models tried in order when a provider's content policy refuses a request.
 * @param retryBeforeFallback Whether to retry each model under the retry policy before moving to the next.
 * @param maxHops The most models one call may try; unset tries every model once.
 * @param circuitBreaker Per-model circuit breakers, which skip a model that keeps failing.
 */
public record AisaRoutingProperties(
        @DefaultValue List<String> fallbacks,
        @DefaultValue("none") String strategy,
        @NestedConfigurationProperty @DefaultValue AisaTieredProperties tiered,
        @DefaultValue("0.95") double qualityTarget,
        Map<String, Integer> weights,
        Map<String, List<String>> taskRules,
        @DefaultValue List<String> contextWindowFallbacks,
        @DefaultValue List<String> contentPolicyFallbacks,
        Boolean retryBeforeFallback,
        Integer maxHops,
        @NestedConfigurationProperty @DefaultValue AisaCircuitBreakerProperties circuitBreaker) {

    private static final String PREFIX = AisaProperties.PREFIX + ".routing";

    /** The routing strategies {@code aisa.routing.strategy} names. */
    public static final List<String> STRATEGIES =
            List.of("none", "cheapest-capable", "by-task", "tiered", "quality-aware", "weighted", "lowest-latency");

    public AisaRoutingProperties {
        fallbacks = modelIds(fallbacks, PREFIX + ".fallbacks");
        contextWindowFallbacks = modelIds(contextWindowFallbacks, PREFIX + ".context-window-fallbacks");
        contentPolicyFallbacks = modelIds(contentPolicyFallbacks, PREFIX + ".content-policy-fallbacks");
        strategy = strategy == null
                ? "none"
                : strategy.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        if (!STRATEGIES.contains(strategy)) {
            throw new AisaConfigurationException(
                    PREFIX + ".strategy",
                    "is '" + strategy + "', which is not a routing strategy",
                    "Set one of " + String.join(", ", STRATEGIES) + " (none keeps the chain order).");
        }
        // in the order written: models the weights name join the chain in that order
        weights = weights == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(weights));
        weights.forEach((model, weight) -> AisaConfigurationErrors.build(
                () -> RoutingStrategies.weighted(Map.of(model, weight)),
                property("weights", PREFIX + ".weights[" + model + "]")));
        taskRules = taskRules(taskRules, PREFIX + ".task-rules");
        if (strategy.equals("tiered")) {
            tiered.requireBothTiers();
        }
        if (strategy.equals("weighted") && weights.values().stream().noneMatch(weight -> weight > 0)) {
            throw new AisaConfigurationException(
                    PREFIX + ".weights",
                    "has no model with a weight above 0, which the weighted strategy needs",
                    "Give the models their shares, e.g. aisa.routing.weights.gpt-4o-mini=3 and"
                            + " aisa.routing.weights.claude-haiku-4-5=1.");
        }
        circuitBreaker.settings(); // the core checks the breakers' values
        double target = qualityTarget;
        AisaConfigurationErrors.build(
                () -> RoutingStrategies.qualityAware(target), property("qualityTarget", PREFIX + ".quality-target"));
        // the core checks max hops only when it builds a router, and without routing settings there is none
        if (maxHops != null && maxHops < 1) {
            throw new AisaConfigurationException(
                    PREFIX + ".max-hops",
                    "is " + maxHops + ", but it must be at least 1",
                    "Set it to 1 or more, or remove it to try every model once.");
        }
    }

    /** Whether the beans are routers rather than plain models (a budget makes them routers too). */
    public boolean isRouted() {
        return !fallbacks.isEmpty()
                || !strategy.equals("none")
                || !contextWindowFallbacks.isEmpty()
                || !contentPolicyFallbacks.isEmpty();
    }

    /**
     * The model ids of the main chain after aisa.chat.model: the fallbacks, then the models the strategy's settings
     * name that are not listed yet.
     */
    public List<String> chainAfter(String primary) {
        Set<String> chain = new LinkedHashSet<>();
        chain.add(primary);
        chain.addAll(fallbacks);
        switch (strategy) {
            case "tiered" -> {
                chain.addAll(tiered.cheapModels());
                chain.addAll(tiered.premiumModels());
            }
            case "weighted" -> chain.addAll(weights.keySet());
            case "by-task" -> taskRules.values().forEach(chain::addAll);
            default -> {}
        }
        chain.remove(primary);
        return List.copyOf(chain);
    }

    /** The strategy {@code strategy} names, a new one per router; null for {@code none}, the chain order. */
    public RoutingStrategy routingStrategy() {
        return switch (strategy) {
            case "cheapest-capable" -> RoutingStrategies.cheapestCapable();
            case "by-task" -> RoutingStrategies.byTask(taskRules(taskRules));
            case "tiered" -> tiered.strategy();
            case "quality-aware" -> RoutingStrategies.qualityAware(qualityTarget);
            case "weighted" -> RoutingStrategies.weighted(weights);
            case "lowest-latency" -> RoutingStrategies.lowestLatency();
            default -> null;
        };
    }

    /** The built-in task rules, with each task type the properties name replaced. */
    static TaskRules taskRules(Map<String, List<String>> overrides) {
        TaskRules defaults = TaskRules.defaults();
        TaskRules.Builder rules = TaskRules.builder();
        for (TaskType task : TaskType.values()) {
            List<String> models = overrides.getOrDefault(task.name(), defaults.preferred(task));
            if (!models.isEmpty()) {
                rules.route(task, models.toArray(String[]::new));
            }
        }
        return rules.build();
    }

    /** Fails naming the fallback that repeats aisa.chat.model, which always comes first. */
    void requireNotListed(String primaryModel) {
        int primary = fallbacks.indexOf(primaryModel);
        if (primary >= 0) {
            throw new AisaConfigurationException(
                    PREFIX + ".fallbacks[" + primary + "]",
                    "is '" + primaryModel + "', the same as aisa.chat.model",
                    "List only the models tried after aisa.chat.model, which always comes first.");
        }
    }

    /** A chain's model ids, trimmed; a blank or repeated one fails naming its index. */
    static List<String> modelIds(List<String> ids, String property) {
        if (ids == null) {
            return List.of();
        }
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < ids.size(); i++) {
            String id = ids.get(i);
            if (id == null || id.isBlank()) {
                throw new AisaConfigurationException(
                        property + "[" + i + "]",
                        "is blank",
                        "List model ids only, e.g. " + property + "=gpt-4o,claude-sonnet-4-5, without empty entries.");
            }
            if (!seen.add(id.trim())) {
                throw new AisaConfigurationException(
                        property + "[" + i + "]",
                        "is '" + id + "', listed twice",
                        "List each model once; a model tried twice in one chain would only fail twice.");
            }
        }
        return ids.stream().map(String::trim).toList();
    }

    // map keys bind as written (ids with dots), so the task types are read here rather than by the binder
    private static Map<String, List<String>> taskRules(Map<String, List<String>> rules, String property) {
        if (rules == null) {
            return Map.of();
        }
        Map<String, List<String>> checked = new LinkedHashMap<>();
        rules.forEach((task, models) -> {
            String name = task.trim().toUpperCase(Locale.ROOT).replace('-', '_');
            if (Arrays.stream(TaskType.values()).noneMatch(type -> type.name().equals(name))) {
                throw new AisaConfigurationException(
                        property + "." + task,
                        "names no task type",
                        "Use one of code, creative, fast, vision, chinese, reasoning, general.");
            }
            checked.put(name, modelIds(models, property + "." + task));
        });
        return Collections.unmodifiableMap(checked);
    }
}

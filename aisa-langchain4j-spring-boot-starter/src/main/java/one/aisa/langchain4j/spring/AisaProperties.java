package one.aisa.langchain4j.spring;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import one.aisa.langchain4j.AisaModelBuilder;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelCapability;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.catalog.QualityIndex;
import one.aisa.langchain4j.routing.TaskType;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code aisa.*} properties. Values are checked as they bind: a value the starter cannot use fails the startup
 * with an {@link AisaConfigurationException} that names the property and the fix.
 *
 * <p>The key may come from the environment: Spring's relaxed binding maps the environment variable
 * {@code AISA_API_KEY} to {@code aisa.api-key}, so setting that variable is enough to switch the models on.
 *
 * @param apiKey The AIsa API key; the model beans exist only when it is set (also from the environment variable
 *     AISA_API_KEY).
 * @param baseUrl The gateway's API root, ending in /v1.
 * @param timeout How long one HTTP call to the gateway may take.
 * @param maxRetries Retries of a failing call (on the last model that can answer, when fallbacks are set); 0
 *     disables them.
 * @param logRequests Whether to log each request sent to the gateway.
 * @param logResponses Whether to log each response from the gateway.
 * @param retry How retries wait (their number is aisa.max-retries).
 * @param chat The chat model settings.
 * @param routing The fallback routing settings.
 * @param budget A spend limit shared by the blocking and the streaming model.
 * @param catalog Additions and corrections to the built-in model catalog.
 */
@ConfigurationProperties(AisaProperties.PREFIX)
public record AisaProperties(
        String apiKey,
        @DefaultValue("https://api.aisa.one/v1") String baseUrl,
        @DefaultValue("60s") Duration timeout,
        @DefaultValue("2") int maxRetries,
        @DefaultValue("false") boolean logRequests,
        @DefaultValue("false") boolean logResponses,
        @DefaultValue Retry retry,
        @DefaultValue Chat chat,
        @DefaultValue Routing routing,
        @DefaultValue Budget budget,
        @DefaultValue Catalog catalog) {

    public static final String PREFIX = "aisa";

    public AisaProperties {
        if (apiKey != null && apiKey.isBlank()) {
            throw new AisaConfigurationException(
                    PREFIX + ".api-key",
                    "is blank",
                    "Set it to your AIsa key (or the environment variable AISA_API_KEY), or remove it to switch the"
                            + " AIsa models off.");
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new AisaConfigurationException(
                    PREFIX + ".base-url", "is blank", "Remove it to use https://api.aisa.one/v1, or set a URL.");
        }
        try {
            AisaModelBuilder.checkedBaseUrl(baseUrl); // the models warn about plain HTTP themselves
        } catch (IllegalArgumentException e) {
            throw new AisaConfigurationException(
                    PREFIX + ".base-url",
                    "is '" + baseUrl + "', which is not a usable http(s) URL",
                    "Set the gateway's API root, e.g. https://api.aisa.one/v1, or remove it to use that.");
        }
        requirePositive(timeout, PREFIX + ".timeout", "60s");
        int primary = routing.fallbacks().indexOf(chat.model());
        if (primary >= 0) {
            throw new AisaConfigurationException(
                    PREFIX + ".routing.fallbacks[" + primary + "]",
                    "is '" + chat.model() + "', the same as aisa.chat.model",
                    "List only the models tried after aisa.chat.model, which always comes first.");
        }
        if (maxRetries < 0) {
            throw new AisaConfigurationException(
                    PREFIX + ".max-retries",
                    "is " + maxRetries + ", which is negative",
                    "Set it to 0 (no retries) or more; the default is 2.");
        }
    }

    /** The properties, with the key masked: records print every component, and this one must never be printed. */
    @Override
    public String toString() {
        return "AisaProperties[apiKey=" + (apiKey == null ? null : "***") + ", baseUrl=" + baseUrl
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", logRequests=" + logRequests
                + ", logResponses=" + logResponses + ", retry=" + retry + ", chat=" + chat + ", routing=" + routing
                + ", budget=" + budget + ", catalog=" + catalog + ']';
    }

    static void requirePositive(Duration duration, String property, String example) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new AisaConfigurationException(
                    property,
                    "is " + duration + ", but it must be a positive duration",
                    "Set a positive duration such as " + example + ", or remove it to use the default.");
        }
    }

    /**
     * The chat model settings, shared by the blocking and the streaming model and by every fallback.
     *
     * @param model The AIsa model id answered first, e.g. gpt-4o-mini, claude-sonnet-4-5.
     * @param temperature The sampling temperature; unset leaves the model's default.
     * @param maxTokens The most tokens an answer may have; unset leaves the model's default.
     * @param topP Nucleus sampling: the probability mass to sample from; unset leaves the model's default.
     * @param returnThinking Whether to return the model's reasoning text, for models that expose it.
     */
    public record Chat(
            @DefaultValue("gpt-4o-mini") String model,
            Double temperature,
            Integer maxTokens,
            Double topP,
            Boolean returnThinking) {

        public Chat {
            if (model == null || model.isBlank()) {
                throw new AisaConfigurationException(
                        PREFIX + ".chat.model",
                        "is blank",
                        "Set it to an AIsa model id such as gpt-4o-mini, or remove it to use gpt-4o-mini.");
            }
            if (maxTokens != null && maxTokens < 1) {
                throw new AisaConfigurationException(
                        PREFIX + ".chat.max-tokens",
                        "is " + maxTokens + ", but it must be at least 1",
                        "Set it to 1 or more, or remove it to leave the model's default.");
            }
        }
    }

    /**
     * Retry backoff of a failing call, the same defaults as {@code RetryPolicy.defaults()}. Without fallbacks the
     * model retries; with them, the router does (on the last model that can answer, unless
     * aisa.routing.retry-before-fallback).
     *
     * @param initialBackoff The wait before the first retry, before jitter.
     * @param multiplier Growth of the wait per retry (at least 1.0).
     * @param jitter The wait varies by plus or minus this share, in [0, 1), so clients that failed together do not
     *     retry together.
     * @param maxBackoff The longest backoff wait.
     * @param maxRetryAfter The longest Retry-After the gateway may ask for that is still waited for; a longer one
     *     stops retrying at once.
     */
    public record Retry(
            @DefaultValue("1s") Duration initialBackoff,
            @DefaultValue("2.0") double multiplier,
            @DefaultValue("0.25") double jitter,
            @DefaultValue("30s") Duration maxBackoff,
            @DefaultValue("30s") Duration maxRetryAfter) {

        public Retry {
            String prefix = PREFIX + ".retry";
            requirePositive(initialBackoff, prefix + ".initial-backoff", "1s");
            requirePositive(maxBackoff, prefix + ".max-backoff", "30s");
            requirePositive(maxRetryAfter, prefix + ".max-retry-after", "30s");
            if (!(multiplier >= 1.0)) {
                throw new AisaConfigurationException(
                        prefix + ".multiplier",
                        "is " + multiplier + ", below 1.0",
                        "Set it to 1.0 (a constant wait) or more; the default is 2.0.");
            }
            if (!(jitter >= 0.0 && jitter < 1.0)) {
                throw new AisaConfigurationException(
                        prefix + ".jitter",
                        "is " + jitter + ", outside [0, 1)",
                        "Set a share of at least 0 and below 1, e.g. 0.25 for plus or minus 25%.");
            }
        }
    }

    /** The routing strategies {@code aisa.routing.strategy} names. */
    public static final List<String> STRATEGIES =
            List.of("none", "cheapest-capable", "by-task", "tiered", "quality-aware", "weighted", "lowest-latency");

    /**
     * Fallback routing: when {@code fallbacks}, a strategy, a context-window or content-policy chain, or a budget is
     * set, the beans are routers trying {@code aisa.chat.model} first and then each fallback in order.
     *
     * @param fallbacks Model ids tried in order after aisa.chat.model when it fails in a way that moves on
     *     (unavailable, rate-limited, timed out, server error).
     * @param strategy How the models are ordered per request: none (the chain order), cheapest-capable, by-task,
     *     tiered, quality-aware, weighted or lowest-latency. Models a strategy names that are not in the chain join it.
     * @param tiered The cheap and premium models of the tiered strategy, and the share of calls sent premium.
     * @param qualityTarget The quality-aware strategy's target, 0 to 1: per request, the cheapest capable model
     *     expected to reach this share of the best model's score (from the catalog's quality indexes and the
     *     request's learned difficulty). 1 sends everything to the best model, 0 to the cheapest one.
     * @param weights The weighted strategy's share of calls per model id, e.g. gpt-4o-mini=3, claude-haiku-4-5=1.
     *     Ids with dots bind as written: aisa.routing.weights.gpt-4.1=2.
     * @param taskRules The by-task strategy's models per task type (code, creative, fast, vision, chinese,
     *     reasoning, general), best first; replaces the built-in rule of each task type given.
     * @param contextWindowFallbacks Models with larger context windows, tried in order when a prompt does not fit.
     * @param contentPolicyFallbacks Models tried in order when a provider's content policy refuses a request.
     * @param retryBeforeFallback Whether to retry each model under the retry policy before moving to the next.
     * @param maxHops The most models one call may try; unset tries every model once.
     * @param circuitBreaker Per-model circuit breakers, which skip a model that keeps failing.
     */
    public record Routing(
            @DefaultValue List<String> fallbacks,
            @DefaultValue("none") String strategy,
            @DefaultValue Tiered tiered,
            @DefaultValue("0.95") double qualityTarget,
            Map<String, Integer> weights,
            Map<String, List<String>> taskRules,
            @DefaultValue List<String> contextWindowFallbacks,
            @DefaultValue List<String> contentPolicyFallbacks,
            @DefaultValue("false") boolean retryBeforeFallback,
            Integer maxHops,
            @DefaultValue CircuitBreaker circuitBreaker) {

        public Routing {
            String prefix = PREFIX + ".routing";
            fallbacks = modelIds(fallbacks, prefix + ".fallbacks");
            contextWindowFallbacks = modelIds(contextWindowFallbacks, prefix + ".context-window-fallbacks");
            contentPolicyFallbacks = modelIds(contentPolicyFallbacks, prefix + ".content-policy-fallbacks");
            strategy = strategy == null
                    ? "none"
                    : strategy.trim().toLowerCase(Locale.ROOT).replace('_', '-');
            if (!STRATEGIES.contains(strategy)) {
                throw new AisaConfigurationException(
                        prefix + ".strategy",
                        "is '" + strategy + "', which is not a routing strategy",
                        "Set one of " + String.join(", ", STRATEGIES) + " (none keeps the chain order).");
            }
            // in the order written: models the weights name join the chain in that order
            weights = weights == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(weights));
            weights.forEach((model, weight) -> {
                if (weight == null || weight < 0) {
                    throw new AisaConfigurationException(
                            prefix + ".weights[" + model + "]",
                            "is " + weight + ", but a weight must be 0 or more",
                            "Give each model a share of 0 (only as a fallback) or more, e.g. 3.");
                }
            });
            taskRules = taskRules(taskRules, prefix + ".task-rules");
            if (strategy.equals("tiered")
                    && (tiered.cheapModels().isEmpty() || tiered.premiumModels().isEmpty())) {
                throw new AisaConfigurationException(
                        prefix + ".tiered." + (tiered.cheapModels().isEmpty() ? "cheap-models" : "premium-models"),
                        "is empty, but the tiered strategy needs at least one cheap and one premium model",
                        "Set aisa.routing.tiered.cheap-models and aisa.routing.tiered.premium-models, e.g."
                                + " gpt-4o-mini and gpt-4o.");
            }
            if (strategy.equals("weighted") && weights.values().stream().noneMatch(weight -> weight > 0)) {
                throw new AisaConfigurationException(
                        prefix + ".weights",
                        "has no model with a weight above 0, which the weighted strategy needs",
                        "Give the models their shares, e.g. aisa.routing.weights.gpt-4o-mini=3 and"
                                + " aisa.routing.weights.claude-haiku-4-5=1.");
            }
            if (!(qualityTarget >= 0 && qualityTarget <= 1)) {
                throw new AisaConfigurationException(
                        prefix + ".quality-target",
                        "is " + qualityTarget + ", but it must be between 0 and 1",
                        "Set the share of the best model's quality to reach, e.g. 0.95.");
            }
            if (maxHops != null && maxHops < 1) {
                throw new AisaConfigurationException(
                        prefix + ".max-hops",
                        "is " + maxHops + ", but it must be at least 1",
                        "Set it to 1 or more, or remove it to try every model once.");
            }
        }

        /**
         * The model ids of the main chain after aisa.chat.model: the fallbacks, then the models the strategy's
         * settings name that are not listed yet.
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

        /** Whether the beans are routers rather than plain models (a budget makes them routers too). */
        public boolean isRouted() {
            return !fallbacks.isEmpty()
                    || !strategy.equals("none")
                    || !contextWindowFallbacks.isEmpty()
                    || !contentPolicyFallbacks.isEmpty();
        }

        private static List<String> modelIds(List<String> ids, String property) {
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
                            "List model ids only, e.g. " + property + "=gpt-4o,claude-sonnet-4-5, without empty"
                                    + " entries.");
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

        private static Map<String, List<String>> taskRules(Map<String, List<String>> rules, String property) {
            if (rules == null) {
                return Map.of();
            }
            Map<String, List<String>> checked = new LinkedHashMap<>();
            rules.forEach((task, models) -> {
                String name = task.trim().toUpperCase(Locale.ROOT).replace('-', '_');
                boolean known = Arrays.stream(TaskType.values())
                        .anyMatch(type -> type.name().equals(name));
                if (!known) {
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

    /**
     * The tiered strategy: cheap models for easy requests, premium ones for hard requests, with one number, the
     * share of calls that go premium (the threshold on the difficulty score is calibrated to it).
     *
     * @param cheapModels Models for easy requests, best first.
     * @param premiumModels Models for hard requests, best first.
     * @param premiumShare The share of calls, between 0 and 1, that should go to the premium models.
     */
    public record Tiered(
            @DefaultValue List<String> cheapModels,
            @DefaultValue List<String> premiumModels,
            @DefaultValue("0.2") double premiumShare) {

        public Tiered {
            String prefix = PREFIX + ".routing.tiered";
            cheapModels = Routing.modelIds(cheapModels, prefix + ".cheap-models");
            premiumModels = Routing.modelIds(premiumModels, prefix + ".premium-models");
            if (!(premiumShare >= 0 && premiumShare <= 1)) {
                throw new AisaConfigurationException(
                        prefix + ".premium-share",
                        "is " + premiumShare + ", outside [0, 1]",
                        "Set the share of calls for the premium models, e.g. 0.2 for one call in five.");
            }
        }
    }

    /**
     * Per-model circuit breakers of the router.
     *
     * @param enabled Whether a model that keeps failing is skipped for a while.
     * @param window The sliding time window over which the failure rate is measured (at least 1s).
     * @param minimumCalls The calls in the window before the failure rate counts.
     * @param failureRateThreshold The failure rate, in percent, at which a model's breaker opens.
     * @param openDuration How long an open breaker skips its model before probing it again.
     * @param halfOpenProbes Calls let through to test a model after the open period.
     * @param unavailableOpenDuration How long a model the gateway has no channel for (404, 503 no available channel)
     *     is skipped: its breaker opens at once, for this long.
     */
    public record CircuitBreaker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60s") Duration window,
            @DefaultValue("3") int minimumCalls,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("30s") Duration openDuration,
            @DefaultValue("1") int halfOpenProbes,
            @DefaultValue("5m") Duration unavailableOpenDuration) {

        public CircuitBreaker {
            String prefix = PREFIX + ".routing.circuit-breaker";
            requirePositive(window, prefix + ".window", "60s");
            if (window.toSeconds() < 1) {
                throw new AisaConfigurationException(
                        prefix + ".window", "is " + window + ", shorter than 1s", "Set it to 1s or more, e.g. 60s.");
            }
            requirePositive(openDuration, prefix + ".open-duration", "30s");
            requirePositive(unavailableOpenDuration, prefix + ".unavailable-open-duration", "5m");
            if (halfOpenProbes < 1) {
                throw new AisaConfigurationException(
                        prefix + ".half-open-probes",
                        "is " + halfOpenProbes + ", but it must be at least 1",
                        "Set it to 1 or more; the default is 1.");
            }
            if (minimumCalls < 1) {
                throw new AisaConfigurationException(
                        prefix + ".minimum-calls",
                        "is " + minimumCalls + ", but it must be at least 1",
                        "Set it to 1 or more.");
            }
            if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
                throw new AisaConfigurationException(
                        prefix + ".failure-rate-threshold",
                        "is " + failureRateThreshold + ", outside (0, 100]",
                        "Set a percentage above 0 and at most 100, e.g. 50.");
            }
        }
    }

    /** What a spent budget does: {@code Budget.Action}'s constants, in lower case. */
    public static final List<String> BUDGET_ACTIONS = Arrays.stream(one.aisa.langchain4j.routing.Budget.Action.values())
            .map(action -> action.name().toLowerCase(Locale.ROOT))
            .toList();

    /**
     * A spend limit over a sliding window, shared by the blocking and the streaming model (the same purse). Setting
     * {@code limit} switches it on and makes the beans routers.
     *
     * @param limit The most to spend within the window, in USD; unset means no budget.
     * @param window The sliding window the limit applies to.
     * @param perCallLimit The most one call may be estimated to cost, in USD; unset means no per-call limit.
     * @param action What happens when a limit is crossed: downgrade (keep answering from the cheapest capable
     *     models) or fail (refuse the call with a BudgetExceededException).
     * @param lowCreditsWarning Log a warning once when the gateway reports a balance below this, in USD.
     */
    public record Budget(
            BigDecimal limit,
            @DefaultValue("1d") Duration window,
            BigDecimal perCallLimit,
            @DefaultValue("downgrade") String action,
            BigDecimal lowCreditsWarning) {

        public Budget {
            String prefix = PREFIX + ".budget";
            requirePositive(window, prefix + ".window", "1d");
            if (limit != null && limit.signum() < 0) {
                throw new AisaConfigurationException(
                        prefix + ".limit",
                        "is " + limit + ", which is negative",
                        "Set the most to spend per window in USD, e.g. 5.00, or remove it for no budget.");
            }
            if (perCallLimit != null && perCallLimit.signum() <= 0) {
                throw new AisaConfigurationException(
                        prefix + ".per-call-limit",
                        "is " + perCallLimit + ", but it must be above 0",
                        "Set the most one call may cost in USD, e.g. 0.05, or remove it.");
            }
            if (limit == null && perCallLimit != null) {
                throw new AisaConfigurationException(
                        prefix + ".limit",
                        "is not set, but aisa.budget.per-call-limit is",
                        "Set aisa.budget.limit too: the USD to spend per aisa.budget.window (default 1d).");
            }
            action = action == null ? "downgrade" : action.trim().toLowerCase(Locale.ROOT);
            if (!BUDGET_ACTIONS.contains(action)) {
                throw new AisaConfigurationException(
                        prefix + ".action",
                        "is '" + action + "', which is not a budget action",
                        "Set downgrade (keep answering from cheaper models) or fail (refuse the call).");
            }
        }

        /** The action as the core's enum. */
        public one.aisa.langchain4j.routing.Budget.Action actionType() {
            return one.aisa.langchain4j.routing.Budget.Action.valueOf(action.toUpperCase(Locale.ROOT));
        }
    }

    /**
     * Additions and corrections to the built-in model catalog (prices dated 2026-02-01), which cost-aware routing,
     * budgets and cost estimates use.
     *
     * @param models Models to add, or to correct when the id is built in (unset fields keep the built-in values).
     */
    public record Catalog(@DefaultValue List<CatalogModel> models) {

        public Catalog {
            models = models == null ? List.of() : List.copyOf(models);
            Set<String> seen = new HashSet<>();
            for (int i = 0; i < models.size(); i++) {
                String id = models.get(i).id();
                String property = PREFIX + ".catalog.models[" + i + "].id";
                if (id == null || id.isBlank()) {
                    throw new AisaConfigurationException(
                            property, "is not set", "Give each catalog entry the model id the gateway takes.");
                }
                if (!seen.add(id)) {
                    throw new AisaConfigurationException(
                            property, "is '" + id + "', listed twice", "Describe each model once.");
                }
                models.get(i).toModelInfo(PREFIX + ".catalog.models[" + i + "]");
            }
        }

        /** The entries as catalog models, to lay over the built-in catalog. */
        public List<ModelInfo> modelInfos() {
            List<ModelInfo> infos = new ArrayList<>();
            for (int i = 0; i < models.size(); i++) {
                infos.add(models.get(i).toModelInfo(PREFIX + ".catalog.models[" + i + "]"));
            }
            return infos;
        }
    }

    /**
     * One model of the catalog.
     *
     * @param id The model id as the gateway takes it.
     * @param family The model family, e.g. gpt, claude, gemini, qwen, deepseek, grok.
     * @param provider Who runs the model, e.g. openai, anthropic.
     * @param capabilities What the model can do: vision, tools, json-schema, reasoning.
     * @param contextWindow Input plus output tokens the model can hold; required for a model not built in.
     * @param inputPricePerMillion USD per 1M input tokens; required for a model not built in.
     * @param outputPricePerMillion USD per 1M output tokens; required for a model not built in.
     * @param pricedOn The date the prices were read, e.g. 2026-11-01.
     * @param qualityIndex The model's general quality, 0 to 100, from a public leaderboard (the built-in models carry
     *     LMArena text scores mapped as (score - 1000) / 5); quality-aware routing never assumes a model without one
     *     is good.
     * @param qualitySource Where the quality index comes from, e.g. "LMArena text, 2026-11-01" (default: this
     *     property).
     */
    public record CatalogModel(
            String id,
            String family,
            String provider,
            List<String> capabilities,
            Integer contextWindow,
            BigDecimal inputPricePerMillion,
            BigDecimal outputPricePerMillion,
            LocalDate pricedOn,
            Double qualityIndex,
            String qualitySource) {

        /**
         * This entry as a catalog model: an id the built-in catalog knows keeps its values where this leaves them
         * unset; a new id needs its context window and prices. A value the catalog cannot use fails, naming the
         * property under {@code prefix}.
         */
        public ModelInfo toModelInfo(String prefix) {
            ModelInfo builtIn = AisaModelCatalog.builtIn().models().stream()
                    .filter(model -> model.id().equals(id))
                    .findFirst()
                    .orElse(null);
            if (builtIn == null) {
                requireSet(contextWindow, prefix + ".context-window", "e.g. 128000");
                requireSet(inputPricePerMillion, prefix + ".input-price-per-million", "in USD, e.g. 0.15");
                requireSet(outputPricePerMillion, prefix + ".output-price-per-million", "in USD, e.g. 0.60");
            }
            if (contextWindow != null && contextWindow < 1) {
                throw new AisaConfigurationException(
                        prefix + ".context-window",
                        "is " + contextWindow + ", but it must be at least 1",
                        "Set the tokens the model holds, e.g. 128000.");
            }
            requireNotNegative(inputPricePerMillion, prefix + ".input-price-per-million");
            requireNotNegative(outputPricePerMillion, prefix + ".output-price-per-million");
            if (qualityIndex != null && !(qualityIndex >= 0 && qualityIndex <= 100)) {
                throw new AisaConfigurationException(
                        prefix + ".quality-index",
                        "is " + qualityIndex + ", but a quality index is between 0 and 100",
                        "Set the model's leaderboard quality on a 0-100 scale, e.g. 80.");
            }
            QualityIndex quality = qualityIndex != null
                    ? new QualityIndex(
                            qualityIndex, qualitySource != null ? qualitySource : prefix + ".quality-index", null)
                    : builtIn != null ? builtIn.quality() : null;
            return new ModelInfo(
                    id,
                    family != null ? family : builtIn != null ? builtIn.family() : "unknown",
                    provider != null ? provider : builtIn != null ? builtIn.provider() : "unknown",
                    capabilities != null
                            ? capabilities(prefix + ".capabilities")
                            : builtIn != null ? builtIn.capabilities() : Set.of(),
                    contextWindow != null ? contextWindow : builtIn.contextWindow(),
                    inputPricePerMillion != null ? inputPricePerMillion : builtIn.inputPricePerMillion(),
                    outputPricePerMillion != null ? outputPricePerMillion : builtIn.outputPricePerMillion(),
                    pricedOn != null ? pricedOn : builtIn != null ? builtIn.pricedOn() : null,
                    quality);
        }

        private Set<ModelCapability> capabilities(String property) {
            Set<ModelCapability> set = new LinkedHashSet<>();
            for (String name : capabilities) {
                String constant = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
                set.add(Arrays.stream(ModelCapability.values())
                        .filter(capability -> capability.name().equals(constant))
                        .findFirst()
                        .orElseThrow(() -> new AisaConfigurationException(
                                property,
                                "names '" + name + "', which is not a capability",
                                "Use vision, tools, json-schema or reasoning.")));
            }
            return set;
        }

        private static void requireSet(Object value, String property, String example) {
            if (value == null) {
                throw new AisaConfigurationException(
                        property,
                        "is not set, and the built-in catalog does not know the model",
                        "Set it (" + example + "), or correct the id if you meant a built-in model.");
            }
        }

        private static void requireNotNegative(BigDecimal price, String property) {
            if (price != null && price.signum() < 0) {
                throw new AisaConfigurationException(
                        property, "is " + price + ", which is negative", "Set the list price in USD, 0 or more.");
            }
        }
    }
}

package one.aisa.langchain4j.catalog;

import static one.aisa.langchain4j.catalog.ModelCapability.JSON_SCHEMA;
import static one.aisa.langchain4j.catalog.ModelCapability.REASONING;
import static one.aisa.langchain4j.catalog.ModelCapability.TOOLS;
import static one.aisa.langchain4j.catalog.ModelCapability.VISION;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the AIsa gateway serves, with capabilities, context windows, list prices and a general quality index
 * from a public leaderboard ({@link QualityIndex}). The built-in table is a dated snapshot: prices drift, so the cost the gateway reports per call ({@code usage.cost}) is the ground truth,
 * and a model missing here is reported as unknown, never priced as zero.
 */
public final class AisaModelCatalog {

    /** When the built-in prices were read. */
    public static final LocalDate BUILT_IN_PRICED_ON = LocalDate.of(2026, 2, 1);

    /**
     * LMArena text scores read on {@link QualityIndex#LMARENA_READ_ON}, for the built-in quality indexes. Where the
     * board lists several variants of an id, the entry the gateway's id names is used, and when that is unclear the
     * lower score: gpt-4o is gpt-4o-2024-08-06 (1335; the 2024-05-13 snapshot has 1346), deepseek-r1 the first
     * release (1398; -0528 has 1422), kimi-k2.5 the instant mode (1431; thinking has 1450), qwen3-max the
     * 2025-09-23 release (1424). qwen-plus-2025-12-01 and qwen-mt-flash are not on the board and have none.
     */
    private static final Map<String, Integer> ARENA_SCORES = Map.ofEntries(
            Map.entry("gpt-4.1", 1414),
            Map.entry("gpt-4.1-mini", 1383),
            Map.entry("gpt-4o", 1335),
            Map.entry("gpt-4o-mini", 1318),
            Map.entry("claude-sonnet-4-5", 1455),
            Map.entry("claude-haiku-4-5", 1412),
            Map.entry("gemini-2.5-pro", 1446),
            Map.entry("gemini-2.5-flash", 1410),
            Map.entry("qwen3-max", 1424),
            Map.entry("deepseek-v3.1", 1417),
            Map.entry("deepseek-r1", 1398),
            Map.entry("grok-4", 1410),
            Map.entry("kimi-k2.5", 1431));

    private static final AisaModelCatalog BUILT_IN = new AisaModelCatalog(List.of(
            model("gpt-4.1", "gpt", "openai", 1_047_576, "2.00", "8.00", VISION, TOOLS, JSON_SCHEMA),
            model("gpt-4.1-mini", "gpt", "openai", 1_047_576, "0.40", "1.60", VISION, TOOLS, JSON_SCHEMA),
            model("gpt-4o", "gpt", "openai", 128_000, "2.50", "10.00", VISION, TOOLS, JSON_SCHEMA),
            model("gpt-4o-mini", "gpt", "openai", 128_000, "0.15", "0.60", VISION, TOOLS, JSON_SCHEMA),
            model("claude-sonnet-4-5", "claude", "anthropic", 200_000, "3.00", "15.00", VISION, TOOLS, REASONING),
            model("claude-haiku-4-5", "claude", "anthropic", 200_000, "1.00", "5.00", VISION, TOOLS),
            model(
                    "gemini-2.5-pro",
                    "gemini",
                    "google",
                    1_048_576,
                    "1.25",
                    "10.00",
                    VISION,
                    TOOLS,
                    JSON_SCHEMA,
                    REASONING),
            model(
                    "gemini-2.5-flash",
                    "gemini",
                    "google",
                    1_048_576,
                    "0.30",
                    "2.50",
                    VISION,
                    TOOLS,
                    JSON_SCHEMA,
                    REASONING),
            model("qwen3-max", "qwen", "alibaba", 262_144, "1.20", "4.80", TOOLS),
            model("qwen-plus-2025-12-01", "qwen", "alibaba", 131_072, "0.30", "0.90", TOOLS),
            model("qwen-mt-flash", "qwen", "alibaba", 16_384, "0.05", "0.30"),
            model("deepseek-v3.1", "deepseek", "deepseek", 131_072, "0.27", "1.10", TOOLS),
            model("deepseek-r1", "deepseek", "deepseek", 131_072, "2.00", "8.00", REASONING),
            model("grok-4", "grok", "xai", 256_000, "3.00", "15.00", VISION, TOOLS, JSON_SCHEMA, REASONING),
            model("kimi-k2.5", "kimi", "moonshot", 262_144, "0.60", "2.40", TOOLS)));

    private final Map<String, ModelInfo> models;

    private AisaModelCatalog(Collection<ModelInfo> models) {
        Map<String, ModelInfo> byId = new LinkedHashMap<>();
        for (ModelInfo model : models) {
            byId.put(model.id(), model);
        }
        this.models = Collections.unmodifiableMap(byId);
    }

    /** The built-in snapshot (see {@link #BUILT_IN_PRICED_ON}). */
    public static AisaModelCatalog builtIn() {
        return BUILT_IN;
    }

    /** A catalog of exactly these models. */
    public static AisaModelCatalog of(Collection<ModelInfo> models) {
        return new AisaModelCatalog(models);
    }

    /** This catalog with the given models added or replacing ones of the same id. */
    public AisaModelCatalog with(ModelInfo... overrides) {
        Map<String, ModelInfo> merged = new LinkedHashMap<>(models);
        for (ModelInfo override : overrides) {
            merged.put(override.id(), override);
        }
        return new AisaModelCatalog(merged.values());
    }

    /**
     * The model with this id. A provider prefix ({@code openai/gpt-4o}) and a dated snapshot suffix
     * ({@code gpt-4o-mini-2024-07-18}, {@code -0613}, {@code -latest}) are ignored; nothing else is guessed, so
     * {@code gpt-4.1-nano} is never priced as {@code gpt-4.1}.
     */
    public Optional<ModelInfo> find(String id) {
        if (id == null) {
            return Optional.empty();
        }
        ModelInfo exact = models.get(id);
        if (exact != null) {
            return Optional.of(exact);
        }
        String bare = id.substring(id.lastIndexOf('/') + 1);
        ModelInfo unprefixed = models.get(bare);
        if (unprefixed != null) {
            return Optional.of(unprefixed);
        }
        String undated = SNAPSHOT_SUFFIX.matcher(bare).replaceFirst("");
        return undated.equals(bare) ? Optional.empty() : Optional.ofNullable(models.get(undated));
    }

    private static final java.util.regex.Pattern SNAPSHOT_SUFFIX =
            java.util.regex.Pattern.compile("-(\\d{4}-\\d{2}-\\d{2}|\\d{4,8}|latest)$");

    /**
     * What a call with this token usage costs at the model's list price, when both are known: the estimate a cost
     * tracker or a budget falls back on when the gateway reported no {@code usage.cost}.
     */
    public Optional<BigDecimal> estimate(String modelId, dev.langchain4j.model.output.TokenUsage usage) {
        if (usage == null) {
            return Optional.empty();
        }
        long input = usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long output = usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        return find(modelId).map(info -> info.priceOf(input, output));
    }

    /** The model with this id, or an exception that says the model is unknown and how to add it. */
    public ModelInfo require(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("Unknown model '" + id
                + "': it is not in the AIsa model catalog. Check the id (GET /v1/models lists them) or add it with "
                + "AisaModelCatalog.with(new ModelInfo(...))."));
    }

    /**
     * Compares the catalog with the models the gateway lists ({@code AisaGatewayClient.modelIds()}): the result
     * keeps the known models the gateway serves, and reports the ids it serves that the catalog cannot price and
     * the catalog's models it no longer lists. Nothing unknown is given a price.
     */
    public CatalogRefresh refresh(Collection<String> servedIds) {
        java.util.List<ModelInfo> served = new java.util.ArrayList<>();
        java.util.List<String> unknown = new java.util.ArrayList<>();
        java.util.Set<String> servedCatalogIds = new java.util.HashSet<>();
        for (String id : servedIds) {
            Optional<ModelInfo> info = find(id);
            if (info.isPresent()) {
                served.add(info.get());
                servedCatalogIds.add(info.get().id());
            } else {
                unknown.add(id);
            }
        }
        java.util.List<String> notServed = models.keySet().stream()
                .filter(id -> !servedCatalogIds.contains(id))
                .toList();
        if (!unknown.isEmpty()) {
            org.slf4j.LoggerFactory.getLogger(AisaModelCatalog.class)
                    .warn(
                            "The gateway serves {} model(s) the catalog cannot price: {}. Cost-aware routing skips"
                                    + " them unless added with AisaModelCatalog.with(...).",
                            unknown.size(),
                            unknown);
        }
        return new CatalogRefresh(of(served), unknown, notServed);
    }

    /**
     * What a {@link #refresh} found.
     *
     * @param catalog the catalog's models that the gateway serves
     * @param unknownIds ids the gateway serves that the catalog does not know (unpriced)
     * @param notServedIds catalog models the gateway does not list (retired or renamed)
     */
    public record CatalogRefresh(
            AisaModelCatalog catalog, java.util.List<String> unknownIds, java.util.List<String> notServedIds) {

        public CatalogRefresh {
            unknownIds = java.util.List.copyOf(unknownIds);
            notServedIds = java.util.List.copyOf(notServedIds);
        }
    }

    public Collection<ModelInfo> models() {
        return models.values();
    }

    private static ModelInfo model(
            String id,
            String family,
            String provider,
            int contextWindow,
            String input,
            String output,
            ModelCapability... capabilities) {
        EnumSet<ModelCapability> set = EnumSet.noneOf(ModelCapability.class);
        set.addAll(List.of(capabilities));
        Integer arena = ARENA_SCORES.get(id);
        return new ModelInfo(
                id,
                family,
                provider,
                set,
                contextWindow,
                new BigDecimal(input),
                new BigDecimal(output),
                BUILT_IN_PRICED_ON,
                arena == null ? null : QualityIndex.fromArenaScore(arena));
    }
}

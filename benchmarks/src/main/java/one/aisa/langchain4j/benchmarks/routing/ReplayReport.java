package one.aisa.langchain4j.benchmarks.routing;

import static one.aisa.langchain4j.benchmarks.routing.MarkdownTable.decimal;
import static one.aisa.langchain4j.benchmarks.routing.MarkdownTable.percent;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.catalog.QualityIndex;
import one.aisa.langchain4j.routing.DifficultyModel;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingStrategies;
import one.aisa.langchain4j.routing.RoutingStrategy;

/**
 * The routers of the library replayed over routing-eval's strong/weak pair ({@link RouterReplay} over two {@link
 * FixedAnswerChatModel}s): the tiered strategy at several premium shares and the quality-aware one at several
 * targets, between always-weak and always-strong.
 */
final class ReplayReport {

    static final String STRONG = "strong";
    static final String WEAK = "weak";
    static final List<Double> TIERED_SHARES = List.of(0.2, 0.5, 0.8);
    static final List<Double> QUALITY_TARGETS = List.of(0.9, 0.95);
    private static final String ALWAYS_STRONG = "always strong";
    /** The day of the LMArena reading the arena scores and arena-bench-v1's prices come from. */
    static final LocalDate READ_ON = LocalDate.of(2026, 7, 30);
    /** A context window large enough for every prompt, so that capability filtering plays no part. */
    static final int CONTEXT_WINDOW = 128_000;

    /**
     * A held-out part, with a difficulty model that never trained on it.
     *
     * @param name e.g. {@code GSM8K}
     * @param items its prompts and results
     * @param model the difficulty model the routers score with (for MMLU-TEST: the one trained on MMLU-DEV only)
     * @param ranking the ranking metrics of that model's score on it (the offline reference)
     */
    record ReplayPart(String name, List<EvalData.Item> items, DifficultyModel model, RoutingMetrics ranking) {}

    private ReplayReport() {}

    /** The GPT-4 / Mixtral pair at the brief's list prices, with their LMArena text scores as quality indexes. */
    static AisaModelCatalog pairCatalog() {
        return AisaModelCatalog.of(List.of(
                model(STRONG, "10", "30").withQuality(QualityIndex.fromArenaScore(1312)),
                model(WEAK, "0.60", "0.60").withQuality(QualityIndex.fromArenaScore(1197))));
    }

    /** Every router over the pair, per part: quality, PGR and cost against always-strong. */
    static String pair(List<ReplayPart> parts, int outputTokens, long seed) {
        MarkdownTable table = new MarkdownTable(
                "part",
                "router",
                "strong share",
                "quality",
                "quality, % of always-strong",
                "PGR",
                "PGR of the score's offline ranking at that share",
                "cost, % of always-strong");
        for (ReplayPart part : parts) {
            List<RouterReplay.Case> cases = RouterReplay.shuffled(pairCases(part.items()), seed);
            Map<String, RouterReplay.Outcome> outcomes = pairOutcomes(cases, part.model(), outputTokens);
            RouterReplay.Outcome strongest = outcomes.get(ALWAYS_STRONG);
            RoutingMetrics reference = part.ranking();
            boolean judged = part.items().get(0).benchmark().equals("mt_bench");
            outcomes.forEach((name, outcome) -> table.row(
                    part.name(),
                    name,
                    percent(outcome.share(STRONG)),
                    judged ? decimal(outcome.meanResult()) : percent(outcome.meanResult()),
                    percent(outcome.resultShareOf(strongest)),
                    decimal((outcome.meanResult() - reference.weakMean())
                            / (reference.strongMean() - reference.weakMean())),
                    name.startsWith("always") ? "—" : decimal(reference.pgrAtShare(outcome.share(STRONG))),
                    percent(outcome.costShareOf(strongest))));
        }
        return table.toString();
    }

    /** Always-weak, each strategy with a fresh router, always-strong: the rows of one part, in that order. */
    private static Map<String, RouterReplay.Outcome> pairOutcomes(
            List<RouterReplay.Case> cases, DifficultyModel model, int outputTokens) {
        AisaModelCatalog catalog = pairCatalog();
        Map<String, Supplier<RoutingStrategy>> strategies = new LinkedHashMap<>();
        for (double share : TIERED_SHARES) {
            strategies.put(
                    "tiered, premium share " + share,
                    () -> RoutingStrategies.tiered(List.of(WEAK), List.of(STRONG), share, model));
        }
        for (double target : QUALITY_TARGETS) {
            strategies.put("qualityAware(" + target + ")", () -> RoutingStrategies.qualityAware(target, model));
        }
        Map<String, RouterReplay.Outcome> outcomes = new LinkedHashMap<>();
        outcomes.put("always weak", RouterReplay.replay(pairRouter(null, catalog, WEAK, outputTokens), cases, catalog));
        strategies.forEach((name, strategy) -> outcomes.put(
                name, RouterReplay.replay(pairRouter(strategy.get(), catalog, STRONG, outputTokens), cases, catalog)));
        outcomes.put(
                ALWAYS_STRONG, RouterReplay.replay(pairRouter(null, catalog, STRONG, outputTokens), cases, catalog));
        return outcomes;
    }

    private static List<RouterReplay.Case> pairCases(List<EvalData.Item> items) {
        return items.stream()
                .map(item -> new RouterReplay.Case(item.prompt(), Map.of(STRONG, item.strong(), WEAK, item.weak())))
                .toList();
    }

    /** The pair in one router; with no strategy, {@code first} answers every call. */
    private static RoutingChatModel pairRouter(
            RoutingStrategy strategy, AisaModelCatalog catalog, String first, int outputTokens) {
        String second = first.equals(STRONG) ? WEAK : STRONG;
        return RoutingChatModel.builder()
                .route(first, new FixedAnswerChatModel(first, outputTokens))
                .route(second, new FixedAnswerChatModel(second, outputTokens))
                .strategy(strategy)
                .catalog(catalog)
                .build();
    }

    private static ModelInfo model(String id, String inputPrice, String outputPrice) {
        return new ModelInfo(
                id,
                id,
                "replay",
                Set.of(),
                CONTEXT_WINDOW,
                new BigDecimal(inputPrice),
                new BigDecimal(outputPrice),
                READ_ON);
    }
}

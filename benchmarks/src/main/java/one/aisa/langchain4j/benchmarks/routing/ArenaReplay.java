package one.aisa.langchain4j.benchmarks.routing;

import static one.aisa.langchain4j.benchmarks.routing.MarkdownTable.decimal;
import static one.aisa.langchain4j.benchmarks.routing.MarkdownTable.percent;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.catalog.QualityIndex;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingStrategies;
import one.aisa.langchain4j.routing.RoutingStrategy;

/**
 * Many models in one router, replayed over arena-bench-v1's judge scores ({@link ArenaBench}): every model with an
 * arena score and prices, each a {@link FixedAnswerChatModel} priced by a catalog that also carries its arena score
 * as a {@link QualityIndex}. The reference, always-best, is the model with the highest arena score, chosen without
 * looking at the judge scores.
 */
final class ArenaReplay {

    private ArenaReplay() {}

    /** The strategies against always-best, a uniformly random model's expectation, and each model alone. */
    static String report(ArenaBench bench, int outputTokens, long seed) {
        List<ArenaBench.Model> models = bench.models().stream()
                .filter(ArenaBench.Model::rankedAndPriced)
                .sorted(Comparator.comparing(ArenaBench.Model::arenaScore).reversed())
                .toList();
        List<String> labels = models.stream().map(ArenaBench.Model::name).toList();
        AisaModelCatalog catalog = catalog(models);
        List<RouterReplay.Case> cases = RouterReplay.shuffled(
                bench.prompts().stream()
                        .filter(prompt -> prompt.scores().keySet().containsAll(labels))
                        .map(prompt -> new RouterReplay.Case(prompt.prompt(), prompt.scores()))
                        .toList(),
                seed);
        MarkdownTable table = new MarkdownTable(
                "strategy",
                "mean judge score (1-10)",
                "% of always-best",
                "cost, % of always-best",
                "answered by (share of calls, most first)");
        RouterReplay.Outcome best = null;
        for (Map.Entry<String, RoutingStrategy> strategy :
                strategies(labels, seed).entrySet()) {
            RouterReplay.Outcome outcome =
                    RouterReplay.replay(router(labels, strategy.getValue(), catalog, outputTokens), cases, catalog);
            best = best == null ? outcome : best;
            table.row(
                    strategy.getKey(),
                    decimal(outcome.meanResult()),
                    percent(outcome.resultShareOf(best)),
                    percent(outcome.costShareOf(best)),
                    outcome.answeredBy());
        }
        double expectedRandom = cases.stream()
                .mapToDouble(recorded -> labels.stream()
                        .mapToDouble(label -> recorded.results().get(label))
                        .average()
                        .orElseThrow())
                .average()
                .orElseThrow();
        return models.size() + " models (" + String.join(", ", labels) + "), " + cases.size() + " of "
                + bench.prompts().size() + " prompts (those with a valid score from every one of them)\n\n"
                + table + "\nA uniformly random model would score " + decimal(expectedRandom) + " in expectation ("
                + percent(expectedRandom / best.meanResult()) + " of always-best). Each model alone:\n\n"
                + eachAlone(models, cases, catalog, best, outputTokens);
    }

    /** Always-best first (the reference of the others), then the strategies compared with it. */
    private static Map<String, RoutingStrategy> strategies(List<String> labels, long seed) {
        Map<String, RoutingStrategy> strategies = new LinkedHashMap<>();
        strategies.put("always-best (" + labels.get(0) + ", highest arena score)", null);
        for (double target : ReplayReport.QUALITY_TARGETS) {
            strategies.put("qualityAware(" + target + ")", RoutingStrategies.qualityAware(target));
        }
        strategies.put("cheapestCapable()", RoutingStrategies.cheapestCapable());
        Random random = new Random(seed);
        strategies.put(
                "random (weighted, equal weights, seeded)",
                RoutingStrategies.weighted(
                        labels.stream().collect(Collectors.toMap(label -> label, label -> 1)), random::nextDouble));
        return strategies;
    }

    private static String eachAlone(
            List<ArenaBench.Model> models,
            List<RouterReplay.Case> cases,
            AisaModelCatalog catalog,
            RouterReplay.Outcome best,
            int outputTokens) {
        MarkdownTable alone = new MarkdownTable(
                "model alone", "arena score", "mean judge score (1-10)", "% of always-best", "cost, % of always-best");
        for (ArenaBench.Model model : models) {
            RouterReplay.Outcome outcome =
                    RouterReplay.replay(router(List.of(model.name()), null, catalog, outputTokens), cases, catalog);
            alone.row(
                    model.name(),
                    model.arenaScore(),
                    decimal(outcome.meanResult()),
                    percent(outcome.resultShareOf(best)),
                    percent(outcome.costShareOf(best)));
        }
        return alone.toString();
    }

    /** The models in one router, in the given order (which answers when there is no strategy: the first). */
    private static RoutingChatModel router(
            List<String> labels, RoutingStrategy strategy, AisaModelCatalog catalog, int outputTokens) {
        RoutingChatModel.RoutingChatModelBuilder router =
                RoutingChatModel.builder().strategy(strategy).catalog(catalog);
        labels.forEach(label -> router.route(label, new FixedAnswerChatModel(label, outputTokens)));
        return router.build();
    }

    private static AisaModelCatalog catalog(List<ArenaBench.Model> models) {
        return AisaModelCatalog.of(models.stream()
                .map(model -> new ModelInfo(
                                model.name(),
                                "arena-bench-v1",
                                "arena-bench-v1",
                                Set.of(),
                                ReplayReport.CONTEXT_WINDOW,
                                model.inputPricePerMillion(),
                                model.outputPricePerMillion(),
                                ReplayReport.READ_ON)
                        .withQuality(QualityIndex.fromArenaScore(model.arenaScore())))
                .toList());
    }
}

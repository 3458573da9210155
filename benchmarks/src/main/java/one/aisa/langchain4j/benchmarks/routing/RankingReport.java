package one.aisa.langchain4j.benchmarks.routing;

import static one.aisa.langchain4j.benchmarks.routing.MarkdownTable.decimal;
import static one.aisa.langchain4j.benchmarks.routing.MarkdownTable.percent;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.ToDoubleFunction;
import java.util.stream.DoubleStream;

/**
 * How well each difficulty score ranks the prompts of each held-out part ({@link RoutingMetrics}), next to the
 * baselines of the same run: a constant score (the random router, exactly 0.5), a seeded random score over many
 * seeds, and the always-weak and always-strong quality points.
 */
final class RankingReport {

    static final String[] HEADERS = {
        "part", "prompts", "score", "APGR", "CPT(50 %)", "CPT(80 %)", "strong share for 95 % of strong quality"
    };

    /**
     * One held-out part and the scores to rank it with.
     *
     * @param name e.g. {@code MMLU-TEST}
     * @param items its prompts and results
     * @param scores per score's name, how it scores a prompt's text
     */
    record RankedPart(String name, List<EvalData.Item> items, Map<String, ToDoubleFunction<String>> scores) {}

    private RankingReport() {}

    /** Always-weak and always-strong: the two ends every router lies between. */
    static String baselines(List<RankedPart> parts) {
        MarkdownTable table =
                new MarkdownTable("part", "prompts", "result", "always weak (Mixtral)", "always strong (GPT-4)");
        for (RankedPart part : parts) {
            RoutingMetrics constant = metrics(part.items(), item -> 0);
            boolean judged = part.items().get(0).benchmark().equals("mt_bench");
            table.row(
                    part.name(),
                    part.items().size(),
                    judged ? "mean judge score (1-10)" : "accuracy",
                    judged ? decimal(constant.weakMean()) : percent(constant.weakMean()),
                    judged ? decimal(constant.strongMean()) : percent(constant.strongMean()));
        }
        return table.toString();
    }

    /** The ranking metrics of every part's scores, with the random baselines first. */
    static String ranking(List<RankedPart> parts, int randomSeeds, long seed) {
        MarkdownTable table = new MarkdownTable(HEADERS);
        for (RankedPart part : parts) {
            row(table, part, "random (constant score, exact)", metrics(part.items(), item -> 0));
            randomRow(table, part, randomSeeds, seed);
            for (Map.Entry<String, ToDoubleFunction<String>> score :
                    part.scores().entrySet()) {
                double[] values = part.items().stream()
                        .mapToDouble(item -> score.getValue().applyAsDouble(item.prompt()))
                        .toArray();
                row(table, part, score.getKey(), RoutingMetrics.of(values, strong(part.items()), weak(part.items())));
            }
        }
        return table.toString();
    }

    /**
     * Each new score's APGR minus the first (old) score's, with a 95 % percentile interval from a paired bootstrap:
     * the prompts resampled with replacement, both scores' metrics computed on the same resample.
     */
    static String differences(List<RankedPart> parts, int resamples, long seed) {
        MarkdownTable table = new MarkdownTable(
                "part", "score", "APGR minus the old score's", "95 % interval (" + resamples + " resamples)");
        for (RankedPart part : parts) {
            List<double[]> scores = part.scores().values().stream()
                    .map(score -> part.items().stream()
                            .mapToDouble(item -> score.applyAsDouble(item.prompt()))
                            .toArray())
                    .toList();
            List<String> names = List.copyOf(part.scores().keySet());
            double[] strong = strong(part.items());
            double[] weak = weak(part.items());
            for (int s = 1; s < scores.size(); s++) {
                double observed = RoutingMetrics.of(scores.get(s), strong, weak).apgr()
                        - RoutingMetrics.of(scores.get(0), strong, weak).apgr();
                double[] resampled = new double[resamples];
                Random random = new Random(seed);
                for (int r = 0; r < resamples; r++) {
                    int[] pick = random.ints(strong.length, 0, strong.length).toArray();
                    resampled[r] = RoutingMetrics.of(
                                            select(scores.get(s), pick), select(strong, pick), select(weak, pick))
                                    .apgr()
                            - RoutingMetrics.of(select(scores.get(0), pick), select(strong, pick), select(weak, pick))
                                    .apgr();
                }
                Arrays.sort(resampled);
                table.row(
                        part.name(),
                        names.get(s),
                        String.format(Locale.ROOT, "%+.3f", observed),
                        String.format(
                                Locale.ROOT,
                                "%+.3f to %+.3f",
                                resampled[(int) Math.floor(0.025 * (resamples - 1))],
                                resampled[(int) Math.ceil(0.975 * (resamples - 1))]));
            }
        }
        return table.toString();
    }

    private static double[] select(double[] values, int[] pick) {
        double[] selected = new double[pick.length];
        for (int i = 0; i < pick.length; i++) {
            selected[i] = values[pick[i]];
        }
        return selected;
    }

    private static void row(MarkdownTable table, RankedPart part, String score, RoutingMetrics metrics) {
        table.row(
                part.name(),
                metrics.size(),
                score,
                decimal(metrics.apgr()),
                percent(metrics.callPerformanceThreshold(0.5)),
                percent(metrics.callPerformanceThreshold(0.8)),
                percent(metrics.shareForQuality(0.95)));
    }

    /** A score drawn uniformly at random per prompt: mean ± sd over the seeds. */
    private static void randomRow(MarkdownTable table, RankedPart part, int seeds, long seed) {
        List<RoutingMetrics> runs = new ArrayList<>();
        for (int run = 0; run < seeds; run++) {
            Random random = new Random(seed + run);
            double[] values = DoubleStream.generate(random::nextDouble)
                    .limit(part.items().size())
                    .toArray();
            runs.add(RoutingMetrics.of(values, strong(part.items()), weak(part.items())));
        }
        table.row(
                part.name(),
                part.items().size(),
                "random score (" + seeds + " seeds: mean ± sd)",
                decimal(mean(runs, RoutingMetrics::apgr), sd(runs, RoutingMetrics::apgr)),
                percent(mean(runs, metrics -> metrics.callPerformanceThreshold(0.5))),
                percent(mean(runs, metrics -> metrics.callPerformanceThreshold(0.8))),
                percent(mean(runs, metrics -> metrics.shareForQuality(0.95))));
    }

    static RoutingMetrics metrics(List<EvalData.Item> items, ToDoubleFunction<EvalData.Item> score) {
        return RoutingMetrics.of(items.stream().mapToDouble(score).toArray(), strong(items), weak(items));
    }

    private static double[] strong(List<EvalData.Item> items) {
        return items.stream().mapToDouble(EvalData.Item::strong).toArray();
    }

    private static double[] weak(List<EvalData.Item> items) {
        return items.stream().mapToDouble(EvalData.Item::weak).toArray();
    }

    private static double mean(List<RoutingMetrics> runs, ToDoubleFunction<RoutingMetrics> metric) {
        return runs.stream().mapToDouble(metric).average().orElseThrow();
    }

    private static double sd(List<RoutingMetrics> runs, ToDoubleFunction<RoutingMetrics> metric) {
        double mean = mean(runs, metric);
        return Math.sqrt(runs.stream()
                .mapToDouble(run -> (metric.applyAsDouble(run) - mean) * (metric.applyAsDouble(run) - mean))
                .average()
                .orElseThrow());
    }
}

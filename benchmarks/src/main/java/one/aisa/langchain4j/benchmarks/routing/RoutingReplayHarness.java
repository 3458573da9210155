package one.aisa.langchain4j.benchmarks.routing;

import static one.aisa.langchain4j.benchmarks.routing.MarkdownTable.decimal;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.stream.Stream;
import one.aisa.langchain4j.routing.DifficultyModel;
import one.aisa.langchain4j.routing.RequestFeatures;
import one.aisa.langchain4j.routing.TaskClassifier;

/**
 * Routing quality on held-out data, in one run: the ranking metrics of the difficulty scores, the library's routers
 * replayed over recorded per-prompt results, and the score's cost per request. Prints Markdown. Run from the
 * repository root, after {@code mvn -B -q -DskipTests package}:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar one.aisa.langchain4j.benchmarks.routing.RoutingReplayHarness</pre>
 *
 * <p>What is held out from what (the protocol of {@link Splits}): MMLU-TEST is ranked with a model trained here on
 * MMLU-DEV only; GSM8K and MT-Bench with the shipped model, which was trained on MMLU alone. The routers get the
 * same model for each part (MMLU-TEST: the MMLU-DEV one) and are replayed on every part and on arena-bench-v1.
 * Nothing here is tuned on what it reports.
 */
public final class RoutingReplayHarness {

    static final int RANDOM_SEEDS = 100;
    static final int BOOTSTRAP_RESAMPLES = 1_000;
    /** Output tokens per answer for the cost figures: the data sets record no answer lengths. */
    static final int OUTPUT_TOKENS = 500;

    private RoutingReplayHarness() {}

    public static void main(String[] args) {
        Path dataDir = EvalData.dataDir();
        List<EvalData.Item> mmlu = EvalData.mmlu();
        List<EvalData.Item> gsm8k = EvalData.gsm8k();
        List<EvalData.Item> mtBench = EvalData.mtBench();
        ArenaBench arena = ArenaBench.isPresent(dataDir) ? ArenaBench.read(dataDir) : null;
        System.out.print(report(mmlu, gsm8k, mtBench, arena, RANDOM_SEEDS, BOOTSTRAP_RESAMPLES));
        List<String> prompts = Stream.of(mmlu, gsm8k, mtBench)
                .flatMap(List::stream)
                .map(EvalData.Item::prompt)
                .toList();
        System.out.print(latency(prompts, 3, 3));
    }

    /** Every section but the latency one; {@code arena} may be null when its data is not there. */
    static String report(
            List<EvalData.Item> mmlu,
            List<EvalData.Item> gsm8k,
            List<EvalData.Item> mtBench,
            ArenaBench arena,
            int randomSeeds,
            int resamples) {
        List<EvalData.Item> dev = Splits.dev(mmlu);
        DifficultyModel shipped = DifficultyModel.builtIn();
        DifficultyModel devOnly = trainedOn(dev);
        List<RankingReport.RankedPart> ranked = heldOutParts(mmlu, gsm8k, mtBench, devOnly, shipped);
        // MMLU-TEST is routed with the model trained on MMLU-DEV only; the others with the shipped one, which never
        // saw them
        List<ReplayReport.ReplayPart> replayed = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            RankingReport.RankedPart part = ranked.get(i);
            DifficultyModel model = i == 0 ? devOnly : shipped;
            replayed.add(new ReplayReport.ReplayPart(
                    part.name(),
                    part.items(),
                    model,
                    RankingReport.metrics(part.items(), item -> model.score(item.prompt()))));
        }
        StringBuilder out = new StringBuilder();
        out.append("# Routing quality replay\n\n")
                .append(LocalDate.now())
                .append(", Java ")
                .append(System.getProperty("java.version"))
                .append(", ")
                .append(Runtime.getRuntime().availableProcessors())
                .append(" cores. MMLU-DEV: ")
                .append(dev.size())
                .append(" prompts; shipped model: ")
                .append(shipped.trainedOn())
                .append("\n\n## Baselines\n\n")
                .append(RankingReport.baselines(ranked))
                .append("\n## Ranking metrics (every-prompt grid, ties averaged exactly)\n\n")
                .append(RankingReport.ranking(ranked, randomSeeds, Splits.SEED))
                .append("\nNew score against the old one, on the same prompts:\n\n")
                .append(RankingReport.differences(ranked, resamples, Splits.SEED))
                .append("\n## Replay through RoutingChatModel: GPT-4 (strong) / Mixtral (weak)\n\n")
                .append("Prompts in a fixed shuffled order (seed ")
                .append(Splits.SEED)
                .append("), one fresh router per row; cost at $10/$30 (strong) and $0.60/$0.60 (weak) per 1M tokens,")
                .append(" input = the router's estimate (characters / 4), output = ")
                .append(OUTPUT_TOKENS)
                .append(" tokens. MMLU-TEST is routed with the model trained on MMLU-DEV only, GSM8K and MT-Bench")
                .append(" with the shipped one.\n\n")
                .append(ReplayReport.pair(replayed, OUTPUT_TOKENS, Splits.SEED));
        if (arena != null) {
            out.append("\n## Replay through RoutingChatModel: arena-bench-v1, many models\n\n")
                    .append("Same token counts. qualityAware sees only each prompt's difficulty score and the models'")
                    .append(" arena indexes, never the judge scores.\n\n")
                    .append(ArenaReplay.report(arena, OUTPUT_TOKENS, Splits.SEED));
        }
        return out.toString();
    }

    /**
     * The held-out parts, each with the scores that may be reported on it: MMLU-TEST only with the model trained on
     * MMLU-DEV; GSM8K and MT-Bench with the shipped model too, which never saw them.
     */
    private static List<RankingReport.RankedPart> heldOutParts(
            List<EvalData.Item> mmlu,
            List<EvalData.Item> gsm8k,
            List<EvalData.Item> mtBench,
            DifficultyModel devOnly,
            DifficultyModel shipped) {
        String devOnlyName = "DifficultyModel trained on MMLU-DEV only";
        String shippedName = "DifficultyModel shipped (all MMLU)";
        return List.of(
                new RankingReport.RankedPart("MMLU-TEST", Splits.test(mmlu), scores(devOnlyName, devOnly::score)),
                new RankingReport.RankedPart(
                        "GSM8K", gsm8k, scores(shippedName, shipped::score, devOnlyName, devOnly::score)),
                new RankingReport.RankedPart(
                        "MT-Bench", mtBench, scores(shippedName, shipped::score, devOnlyName, devOnly::score)));
    }

    /** Per request, µs: the new score next to the old one, both from the request's features. */
    static String latency(List<String> prompts, int warmUpPasses, int timedPasses) {
        List<ChatRequest> requests =
                prompts.stream().map(RoutingReplayHarness::request).toList();
        List<RequestFeatures> features =
                requests.stream().map(RequestFeatures::of).toList();
        DifficultyModel model = DifficultyModel.builtIn();
        Map<String, ScoreLatency.Result> results = new LinkedHashMap<>();
        ScoreLatency<RequestFeatures> onFeatures = new ScoreLatency<>(features, warmUpPasses, timedPasses);
        ScoreLatency<ChatRequest> onRequests = new ScoreLatency<>(requests, warmUpPasses, timedPasses);
        results.put("`DifficultyModel.builtIn().score(features)`", onFeatures.measure(model::score));
        results.put("`TaskClassifier.difficulty(features)` (old)", onFeatures.measure(TaskClassifier::difficulty));
        results.put(
                "`RequestFeatures.of(request)` (once per request, for any strategy)",
                onRequests.measure(request -> RequestFeatures.of(request).estimatedPromptTokens()));
        double oldMedian =
                results.get("`TaskClassifier.difficulty(features)` (old)").median();
        MarkdownTable table = new MarkdownTable("per request", "median (µs)", "p99 (µs)", "median / old score's");
        results.forEach((name, result) ->
                table.row(name, decimal(result.median()), decimal(result.p99()), decimal(result.median() / oldMedian)));
        return "\n## Score latency\n\n" + prompts.size() + " prompts (MMLU, GSM8K, MT-Bench), " + warmUpPasses
                + " warm-up and " + timedPasses + " timed passes, one thread, "
                + Runtime.getRuntime().availableProcessors()
                + " cores (checksum " + decimal(onFeatures.sink() + onRequests.sink()) + ")\n\n" + table;
    }

    /** A model file trained in memory on these prompts, read back as the library reads the shipped one. */
    static DifficultyModel trainedOn(List<EvalData.Item> training) {
        String file = DifficultyTrainer.train(training, "MMLU-DEV only, in memory (" + training.size() + " prompts)");
        try {
            return DifficultyModel.read(new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The score the tiered strategy used before DifficultyModel. */
    static double oldDifficulty(String prompt) {
        return TaskClassifier.difficulty(RequestFeatures.of(request(prompt)));
    }

    private static ChatRequest request(String prompt) {
        return ChatRequest.builder().messages(UserMessage.from(prompt)).build();
    }

    /** The old score, then the named new one. */
    private static Map<String, ToDoubleFunction<String>> scores(String name, ToDoubleFunction<String> score) {
        Map<String, ToDoubleFunction<String>> scores = new LinkedHashMap<>();
        scores.put("TaskClassifier.difficulty (old)", RoutingReplayHarness::oldDifficulty);
        scores.put(name, score);
        return scores;
    }

    /** The old score, then two named new ones. */
    private static Map<String, ToDoubleFunction<String>> scores(
            String name, ToDoubleFunction<String> score, String otherName, ToDoubleFunction<String> otherScore) {
        Map<String, ToDoubleFunction<String>> scores = scores(name, score);
        scores.put(otherName, otherScore);
        return scores;
    }
}

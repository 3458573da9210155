package one.aisa.langchain4j.benchmarks.routing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import one.aisa.langchain4j.routing.DifficultyModel;

/**
 * Trains the {@link DifficultyModel} the library ships: the recipe chosen by the protocol on MMLU-DEV alone (see
 * the README's routing section): the features of {@code DifficultyModel.features}, standardised; the label "the
 * strong model right and the weak one wrong"; logistic regression with an L2 penalty of 10, 8 Newton steps; the
 * common-word table = the 2,000 words in the most training prompts. Run from the repository root:
 *
 * <pre>java -cp benchmarks/target/benchmarks.jar one.aisa.langchain4j.benchmarks.routing.DifficultyTrainer</pre>
 *
 * It writes {@code aisa-langchain4j-core/src/main/resources/one/aisa/langchain4j/routing/difficulty-model.tsv}
 * (or the path given as the first argument), trained on all of MMLU but its broken subject; GSM8K and MT-Bench
 * stay unseen.
 */
public final class DifficultyTrainer {

    static final double LAMBDA = 10;
    static final int NEWTON_STEPS = 8;
    static final int COMMON_WORDS = 2_000;
    /** The training pair's LMArena text scores (read 2026-07-30): gpt-4-1106-preview and Mixtral-8x7B-Instruct. */
    static final int STRONG_ARENA = 1312;

    static final int WEAK_ARENA = 1197;
    static final Path SHIPPED =
            Path.of("aisa-langchain4j-core/src/main/resources/one/aisa/langchain4j/routing/difficulty-model.tsv");
    /** Prompts of several kinds whose scores the file records, so that the library can check it reads the same. */
    private static final List<String> CHECK_PROMPTS = List.of(
            "Hi! What's the capital of France?",
            "Write a haiku about autumn leaves.",
            "A store sells pencils at 3 for $1.20. How many dollars do 45 pencils cost?",
            "def add(a, b):\n    return a + b\n\nWhy does this function fail for strings and numbers?",
            "Which of the following is NOT a prime number?\nA. 2\nB. 3\nC. 9\nD. 11\nAnswer:",
            "This question refers to the following information.\nStatement 1 | Every group of order 4 is cyclic."
                    + " Statement 2 | Every cyclic group is abelian.\nA. True, True\nB. False, False\nC. True, False\n"
                    + "D. False, True\nAnswer:");

    private DifficultyTrainer() {}

    public static void main(String[] args) throws IOException {
        Path out = args.length > 0 ? Path.of(args[0]) : SHIPPED;
        List<EvalData.Item> training = Splits.shipping(EvalData.mmlu());
        String model = train(
                training,
                "RouteLLM routing-eval MMLU (GPT-4 vs Mixtral-8x7B), " + training.size()
                        + " prompts of 56 subjects (high_school_mathematics left out: broken labels)");
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, model, StandardCharsets.UTF_8);
        System.out.println("wrote " + out + " (" + Files.size(out) + " bytes) from " + training.size() + " prompts");
    }

    /** A model file trained on these prompts. */
    public static String train(List<EvalData.Item> training, String trainedOn) {
        Set<String> common = commonWords(training);
        double[][] raw = training.stream()
                .map(item -> DifficultyModel.features(item.prompt(), common))
                .toArray(double[][]::new);
        int d = raw[0].length;
        double[] means = new double[d];
        double[] sds = new double[d];
        for (int j = 0; j < d; j++) {
            final int column = j;
            means[j] =
                    Arrays.stream(raw).mapToDouble(row -> row[column]).average().orElse(0);
            double variance = Arrays.stream(raw)
                    .mapToDouble(row -> (row[column] - means[column]) * (row[column] - means[column]))
                    .average()
                    .orElse(0);
            sds[j] = Math.max(1e-9, Math.sqrt(variance));
        }
        double[][] z =
                Arrays.stream(raw).map(row -> standardised(row, means, sds)).toArray(double[][]::new);
        double[] y = training.stream()
                .mapToDouble(item -> item.strong() > 0.5 && item.weak() < 0.5 ? 1 : 0)
                .toArray();
        double[] w = LogisticRegression.fit(z, y, LAMBDA, NEWTON_STEPS);
        double meanScore = Arrays.stream(z)
                .mapToDouble(row -> LogisticRegression.sigmoid(LogisticRegression.dot(w, row)))
                .average()
                .orElseThrow();
        double shortfall = 1
                - training.stream().mapToDouble(EvalData.Item::weak).sum()
                        / training.stream().mapToDouble(EvalData.Item::strong).sum();
        double[] scores = Arrays.stream(z)
                .mapToDouble(row -> LogisticRegression.sigmoid(LogisticRegression.dot(w, row)))
                .sorted()
                .toArray();

        StringBuilder file = new StringBuilder();
        file.append("# aisa-langchain4j difficulty model: P(strong model right and weak model wrong | prompt)\n");
        file.append(
                "# score = sigmoid(intercept + sum of weight * (feature - mean) / sd); written by DifficultyTrainer\n");
        file.append("format\taisa-difficulty/1\n");
        file.append("trained-on\t").append(trainedOn).append('\n');
        file.append("licence\tApache-2.0 data from lm-sys/RouteLLM (benchmarks/data/routing-eval/README.md)\n");
        file.append("intercept\t").append(w[0]).append('\n');
        List<String> names = DifficultyModel.featureNames();
        for (int j = 0; j < d; j++) {
            file.append(String.format(
                    Locale.ROOT, "feature\t%s\t%.9g\t%.9g\t%.9g%n", names.get(j), means[j], sds[j], w[j + 1]));
        }
        file.append(String.format(Locale.ROOT, "mean-score\t%.9g%n", meanScore));
        file.append(String.format(
                Locale.ROOT,
                "reference\tgpt-4-1106-preview\t%d\tMixtral-8x7B-Instruct-v0.1\t%d\t%.9g%n",
                STRONG_ARENA,
                WEAK_ARENA,
                shortfall));
        file.append("quantiles");
        for (int percent = 0; percent <= 100; percent++) {
            int index = (int) Math.round(percent / 100.0 * (scores.length - 1));
            file.append('\t').append(String.format(Locale.ROOT, "%.9g", scores[index]));
        }
        file.append('\n');
        for (String prompt : CHECK_PROMPTS) {
            double[] row = standardised(DifficultyModel.features(prompt, common), means, sds);
            double score = LogisticRegression.sigmoid(LogisticRegression.dot(w, row));
            file.append(String.format(Locale.ROOT, "check\t%.9g\t%s%n", score, prompt.replace("\n", "\\n")));
        }
        file.append("common\t").append(String.join(" ", new TreeSet<>(common))).append('\n');
        return file.toString();
    }

    private static double[] standardised(double[] row, double[] means, double[] sds) {
        double[] z = new double[row.length + 1];
        z[0] = 1;
        for (int j = 0; j < row.length; j++) {
            z[j + 1] = (row[j] - means[j]) / sds[j];
        }
        return z;
    }

    /** The words (lower case) found in the most prompts; ties broken alphabetically. */
    static Set<String> commonWords(List<EvalData.Item> training) {
        Map<String, Integer> prompts = new HashMap<>();
        for (EvalData.Item item : training) {
            DifficultyModel.words(item.prompt()).forEach(w -> prompts.merge(w, 1, Integer::sum));
        }
        List<Map.Entry<String, Integer>> ranked = new ArrayList<>(prompts.entrySet());
        ranked.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        Set<String> common = new HashSet<>();
        ranked.stream().limit(COMMON_WORDS).forEach(entry -> common.add(entry.getKey()));
        return common;
    }
}

package one.aisa.langchain4j.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The shipped {@link DifficultyModel}: agrees with its file, stays in (0, 1), is deterministic and thread-safe. */
class DifficultyModelTest {

    private static final DifficultyModel MODEL = DifficultyModel.builtIn();

    private static final List<String> PROMPTS = List.of(
            "",
            "Hi",
            "What is 2 + 2?",
            "Which of the following is a noble gas?\nA. Oxygen\nB. Neon\nC. Iron\nD. Sodium\nAnswer:",
            "Janet has 3 times as many apples as Tom, who has 12 apples less than 40. How many apples do they have"
                    + " in all, and what share of them is Janet's?",
            "Statement 1 | Every field is a ring. Statement 2 | Every ring is a field.\nA. True, True\nB. False,"
                    + " False\nC. True, False\nD. False, True",
            "```java\nclass A { void f() { return; } }\n```\nRefactor this.",
            "请用中文解释量子纠缠。",
            "word ".repeat(5_000));

    @Test
    void the_code_gives_the_scores_the_trainer_wrote_into_the_model_file() {
        assertThat(MODEL.checks()).hasSizeGreaterThanOrEqualTo(5);
        for (Map.Entry<String, Double> check : MODEL.checks().entrySet()) {
            assertThat(MODEL.score(check.getKey()))
                    .as("score of %s", check.getKey())
                    .isCloseTo(check.getValue(), within(1e-6));
        }
    }

    @Test
    void a_model_file_whose_features_are_not_the_codes_is_refused_naming_the_fix() throws IOException {
        String shipped;
        try (InputStream in = DifficultyModel.class.getResourceAsStream("difficulty-model.tsv")) {
            shipped = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        String renamed = shipped.replace("feature\tlogStemWords\t", "feature\tlogWords\t");
        String missing = shipped.replaceAll("(?m)^feature\tcode\t.*\n", "");

        for (String broken : List.of(renamed, missing)) {
            assertThatThrownBy(() -> DifficultyModel.read(stream(broken)))
                    .isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("retrain it with the trainer in benchmarks/");
        }
        assertThatThrownBy(() -> DifficultyModel.read(stream(shipped.replace("aisa-difficulty/1", "other/9"))))
                .hasMessageContaining("format");
        assertThat(DifficultyModel.read(stream(shipped)).score("Hi")).isEqualTo(MODEL.score("Hi"));
    }

    @Test
    void the_words_a_trainer_counts_are_the_distinct_lower_case_words_the_rare_word_feature_looks_up() {
        assertThat(DifficultyModel.words("The cat, the CAT's 3 dogs-and-cats; x2"))
                .containsExactlyInAnyOrder("the", "cat", "cat's", "dogs-and-cats", "x");
        assertThat(MODEL.commonWords()).contains("the");
    }

    @Test
    void scores_are_probabilities_and_deterministic() {
        for (String prompt : PROMPTS) {
            double score = MODEL.score(prompt);
            assertThat(score).as(prompt).isGreaterThan(0).isLessThan(1).isEqualTo(MODEL.score(prompt));
        }
        assertThat(MODEL.score((String) null)).isEqualTo(MODEL.score(""));
    }

    @Test
    void scores_are_the_same_from_many_threads_at_once() throws Exception {
        List<Double> expected = PROMPTS.stream().map(MODEL::score).toList();
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Double>>> runs = new ArrayList<>();
            for (int t = 0; t < 16; t++) {
                runs.add(threads.submit(() -> {
                    List<Double> scores = new ArrayList<>();
                    for (int round = 0; round < 10; round++) {
                        scores = PROMPTS.stream().map(MODEL::score).toList();
                    }
                    return scores;
                }));
            }
            for (Future<List<Double>> run : runs) {
                assertThat(run.get()).isEqualTo(expected);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void thresholds_come_from_the_training_quantiles_and_fall_as_the_premium_share_grows() {
        assertThat(MODEL.thresholdFor(0)).isInfinite();
        double previous = Double.POSITIVE_INFINITY;
        for (double share = 0.05; share <= 1.0; share += 0.05) {
            double threshold = MODEL.thresholdFor(share);
            assertThat(threshold).isLessThanOrEqualTo(previous).isBetween(0.0, 1.0);
            previous = threshold;
        }
        assertThat(MODEL.referenceGap()).isCloseTo(23.0, within(1e-9)); // (1312 - 1197) / 5
        assertThat(MODEL.referenceShortfall()).isBetween(0.1, 0.25);
        assertThat(MODEL.trainedOn()).contains("MMLU");
    }

    private static InputStream stream(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }
}

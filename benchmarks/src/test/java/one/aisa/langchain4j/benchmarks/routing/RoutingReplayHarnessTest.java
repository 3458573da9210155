package one.aisa.langchain4j.benchmarks.routing;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** A smoke test of the whole harness on a small slice of every data set: seconds, not the full run. */
class RoutingReplayHarnessTest {

    @Test
    void every_section_is_printed_for_a_small_slice() {
        List<EvalData.Item> mmlu = everyNth(EvalData.mmlu(), 25);
        Path dataDir = EvalData.dataDir();
        ArenaBench arena = null;
        if (ArenaBench.isPresent(dataDir)) {
            ArenaBench full = ArenaBench.read(dataDir);
            arena = new ArenaBench(full.models(), full.prompts().subList(0, 30));
        }

        String report =
                RoutingReplayHarness.report(mmlu, everyNth(EvalData.gsm8k(), 10), EvalData.mtBench(), arena, 3, 20);

        assertThat(report)
                .contains("## Baselines", "## Ranking metrics", "## Replay through RoutingChatModel")
                .contains("APGR minus the old score's")
                .contains("| MMLU-TEST |", "| GSM8K |", "| MT-Bench |")
                .contains("random (constant score, exact) | 0.500 |")
                .contains("tiered, premium share 0.5", "qualityAware(0.9)", "always strong");
        if (arena != null) {
            assertThat(report).contains("arena-bench-v1", "cheapestCapable()", "always-best (gpt-4-1106-preview");
        }
    }

    @Test
    void the_latency_section_times_both_scores() {
        List<String> prompts =
                EvalData.mtBench().stream().map(EvalData.Item::prompt).toList();

        String section = RoutingReplayHarness.latency(prompts, 1, 1);

        assertThat(section).contains("DifficultyModel.builtIn().score", "TaskClassifier.difficulty", "| 1.000 |");
    }

    private static <T> List<T> everyNth(List<T> items, int n) {
        return IntStream.range(0, items.size())
                .filter(i -> i % n == 0)
                .mapToObj(items::get)
                .toList();
    }
}

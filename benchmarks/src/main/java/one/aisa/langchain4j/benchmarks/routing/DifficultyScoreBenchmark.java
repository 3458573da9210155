package one.aisa.langchain4j.benchmarks.routing;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.routing.DifficultyModel;
import one.aisa.langchain4j.routing.RequestFeatures;
import one.aisa.langchain4j.routing.TaskClassifier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The per-request cost of the difficulty scores, one prompt of each kind: the learned {@link DifficultyModel} and the
 * rule-based {@link TaskClassifier#difficulty} it replaced in the tiered strategy. {@code RoutingReplayHarness}
 * times them over every prompt of the data sets; this is the same question under JMH's controls.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class DifficultyScoreBenchmark {

    /** A chat question, an MMLU question with its choices, a GSM8K word problem, a code question. */
    private static final List<String> PROMPTS = List.of(
            "Hi! What's the capital of France?",
            "Which of the following best describes the function of the loop of Henle?\nA. Secretion of renin\n"
                    + "B. Concentration of urine\nC. Filtration of blood\nD. Reabsorption of glucose\nAnswer:",
            "Natalia sold clips to 48 of her friends in April, and then she sold half as many clips in May. How many"
                    + " clips did Natalia sell altogether in April and May?",
            """
            ```python
            def merge(a, b):
                result = []
                while a and b:
                    result.append(a.pop(0) if a[0] < b[0] else b.pop(0))
                return result + a + b
            ```
            Why is this merge quadratic in the worst case, and how would you make it linear?""");

    @Param({"0", "1", "2", "3"})
    public int prompt;

    private RequestFeatures features;
    private DifficultyModel model;

    @Setup
    public void setUp() {
        features = RequestFeatures.of(ChatRequest.builder()
                .messages(UserMessage.from(PROMPTS.get(prompt)))
                .build());
        model = DifficultyModel.builtIn();
    }

    @Benchmark
    public double difficultyModel() {
        return model.score(features);
    }

    @Benchmark
    public double taskClassifier() {
        return TaskClassifier.difficulty(features);
    }
}

package one.aisa.langchain4j.routing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@link TaskClassifier}: task types and difficulty scores from a request's features, without any call. */
class TaskClassifierTest {

    private static ChatRequest text(String prompt) {
        return ChatRequest.builder().messages(UserMessage.from(prompt)).build();
    }

    private static ChatRequest image() {
        return ChatRequest.builder()
                .messages(UserMessage.from(
                        TextContent.from("What is in this picture?"), ImageContent.from("https://example.com/cat.png")))
                .build();
    }

    private static String words(int characters) {
        String unit = "lorem ipsum dolor sit amet ";
        return unit.repeat(characters / unit.length() + 1).substring(0, characters);
    }

    private static TaskType classify(ChatRequest request) {
        return TaskClassifier.classify(RequestFeatures.of(request));
    }

    private static double difficulty(String prompt) {
        return TaskClassifier.difficulty(RequestFeatures.of(text(prompt)));
    }

    @Test
    void classifier_tells_each_task_type_apart() {
        assertThat(classify(image())).isEqualTo(TaskType.VISION);
        assertThat(classify(text("请用中文介绍一下长城的历史"))).isEqualTo(TaskType.CHINESE);
        assertThat(classify(text("```python\nprint(1)\n```"))).isEqualTo(TaskType.CODE);
        assertThat(classify(text("Why would this fail?\nint x = compute();"))).isEqualTo(TaskType.CODE);
        assertThat(classify(text("Prove step by step that 17 is prime."))).isEqualTo(TaskType.REASONING);
        assertThat(classify(text("How many weekdays are in March?"))).isEqualTo(TaskType.REASONING);
        assertThat(classify(text("Write a haiku about autumn."))).isEqualTo(TaskType.CREATIVE);
        assertThat(classify(text("What is the capital of France?"))).isEqualTo(TaskType.FAST);
        assertThat(classify(text(words(250)))).isEqualTo(TaskType.GENERAL);
    }

    @Test
    void classifier_precedence_and_last_user_message() {
        // an image wins over Chinese text, Chinese over code, code over reasoning words
        assertThat(classify(ChatRequest.builder()
                        .messages(UserMessage.from(
                                TextContent.from("这是什么"), ImageContent.from("https://example.com/a.png")))
                        .build()))
                .isEqualTo(TaskType.VISION);
        assertThat(classify(text("```\nprove(x)\n```"))).isEqualTo(TaskType.CODE);
        // mostly English with a few Han characters is not Chinese
        assertThat(classify(text("What does the character 水 mean in this sentence about rivers?")))
                .isEqualTo(TaskType.FAST);
        // only the last user message counts
        assertThat(classify(ChatRequest.builder()
                        .messages(
                                UserMessage.from("Write a poem about the sea."),
                                AiMessage.from("The sea, the sea..."),
                                UserMessage.from("Thanks! What time is it in Tokyo?"))
                        .build()))
                .isEqualTo(TaskType.FAST);
    }

    @Test
    void difficulty_is_between_zero_and_one_and_grows_with_length_reasoning_and_code() {
        String hardest = "```\nx = y\n```\nProve step by step, derive and solve: why? how? what? " + words(5_000);
        List<String> ladder = List.of(
                "hi",
                "What is the capital of France?",
                "Prove step by step that 17 is prime.",
                "Prove step by step that the sum of two even numbers is even, then derive the same for odd numbers. "
                        + words(1_000),
                hardest);

        List<Double> scores =
                ladder.stream().map(TaskClassifierTest::difficulty).toList();

        assertThat(scores).allSatisfy(score -> assertThat(score).isBetween(0.0, 1.0));
        assertThat(scores).isSorted().doesNotHaveDuplicates();
        assertThat(scores.get(0)).isLessThan(0.15);
        assertThat(scores.get(4)).isGreaterThan(0.95);
        assertThat(TaskClassifier.difficulty(RequestFeatures.of(ChatRequest.builder()
                        .messages(UserMessage.from(ImageContent.from("https://example.com/a.png")))
                        .build())))
                .isZero();
    }
}

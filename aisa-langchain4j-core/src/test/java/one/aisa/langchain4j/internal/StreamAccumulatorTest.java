package one.aisa.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.output.FinishReason;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import org.junit.jupiter.api.Test;

/** The accumulator on plain JSON chunks: no HTTP, no handler, no threads. */
class StreamAccumulatorTest {

    private final List<String> deltas = new ArrayList<>();
    private final StreamAccumulator.Deltas recorder = new StreamAccumulator.Deltas() {
        @Override
        public void text(String text) {
            deltas.add("text:" + text);
        }

        @Override
        public void thinking(String thinking) {
            deltas.add("thinking:" + thinking);
        }

        @Override
        public void partialToolCall(PartialToolCall partial) {
            deltas.add("partialTool:" + partial.index() + ":" + partial.partialArguments());
        }

        @Override
        public void completeToolCall(CompleteToolCall complete) {
            deltas.add("completeTool:" + complete.index() + ":"
                    + complete.toolExecutionRequest().arguments());
        }
    };
    private final GatewayErrors errors = new GatewayErrors(new SecretRedactor("sk-test-key"), Clock.systemUTC());

    @Test
    void text_thinking_usage_and_cost_add_up_to_the_answer() {
        StreamAccumulator accumulator = new StreamAccumulator(true);

        accumulator.accept(
                json("{\"id\":\"c1\",\"model\":\"deepseek-r1\",\"created\":17,"
                        + "\"choices\":[{\"delta\":{\"reasoning_content\":\"Six times\"}}]}"),
                recorder);
        accumulator.accept(json("{\"choices\":[{\"delta\":{\"content\":\"4\"}}]}"), recorder);
        accumulator.accept(
                json("{\"choices\":[{\"delta\":{\"content\":\"2\"},\"finish_reason\":\"stop\"}]}"), recorder);
        boolean usageMapped = accumulator.accept(
                json("{\"choices\":[],\"usage\":{\"prompt_tokens\":5,"
                        + "\"completion_tokens\":3,\"total_tokens\":8,\"cost\":0.0004,\"credits_remaining\":9.5}}"),
                recorder);
        ChatResponse response = accumulator.finish(recorder, Map.of("x-request-id", List.of("req_1")), errors);

        assertThat(deltas).containsExactly("thinking:Six times", "text:4", "text:2");
        assertThat(usageMapped).as("a usage chunk has nothing to deliver").isFalse();
        assertThat(accumulator.finished()).isTrue();
        assertThat(response.aiMessage().text()).isEqualTo("42");
        assertThat(response.aiMessage().thinking()).isEqualTo("Six times");
        AisaChatResponseMetadata metadata = (AisaChatResponseMetadata) response.metadata();
        assertThat(metadata.id()).isEqualTo("c1");
        assertThat(metadata.modelName()).isEqualTo("deepseek-r1");
        assertThat(metadata.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(metadata.cost()).isEqualByComparingTo(new BigDecimal("0.0004"));
        assertThat(metadata.creditsRemaining()).isEqualByComparingTo(new BigDecimal("9.5"));
        assertThat(metadata.requestId()).isEqualTo("req_1");
        assertThat(metadata.tokenUsage().totalTokenCount()).isEqualTo(8);
    }

    @Test
    void interleaved_tool_calls_complete_once_each_and_thinking_is_dropped_unless_asked_for() {
        StreamAccumulator accumulator = new StreamAccumulator(false);

        accumulator.accept(
                json(
                        "{\"choices\":[{\"delta\":{\"reasoning_content\":\"hmm\",\"tool_calls\":["
                                + "{\"index\":0,\"id\":\"a\",\"function\":{\"name\":\"f\",\"arguments\":\"{\\\"x\\\":\"}}]}}]}"),
                recorder);
        accumulator.accept(
                json("{\"choices\":[{\"delta\":{\"tool_calls\":["
                        + "{\"index\":1,\"id\":\"b\",\"function\":{\"name\":\"g\",\"arguments\":\"{}\"}}]}}]}"),
                recorder);
        accumulator.accept(
                json("{\"choices\":[{\"delta\":{\"tool_calls\":["
                        + "{\"index\":0,\"function\":{\"arguments\":\"1}\"}}]},\"finish_reason\":\"tool_calls\"}]}"),
                recorder);
        ChatResponse response = accumulator.finish(recorder, Map.of(), errors);

        // call 1 is complete as soon as call 0 goes on (its arguments are whole JSON); call 0 at the finish
        assertThat(deltas)
                .containsExactly(
                        "partialTool:0:{\"x\":",
                        "partialTool:1:{}",
                        "partialTool:0:1}",
                        "completeTool:1:{}",
                        "completeTool:0:{\"x\":1}");
        assertThat(response.aiMessage().toolExecutionRequests()).hasSize(2);
        assertThat(response.aiMessage().thinking()).isNull();
        assertThat(response.metadata().finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void a_stream_without_a_finish_reason_is_not_finished_and_a_nameless_call_is_named() {
        StreamAccumulator accumulator = new StreamAccumulator(false);

        accumulator.accept(json("{\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}"), recorder);
        accumulator.accept(
                json("{\"choices\":[{\"delta\":{\"tool_calls\":[{\"index\":0,\"id\":\"a\","
                        + "\"function\":{\"arguments\":\"{}\"}}]}}]}"),
                recorder);

        assertThat(accumulator.finished()).isFalse();
        assertThat(accumulator.textLength()).isEqualTo(3);
        assertThat(accumulator.namelessCall()).isEqualTo("tool call 0 has no function name");
    }

    private static JsonNode json(String text) {
        return Json.parseOrNull(text);
    }
}

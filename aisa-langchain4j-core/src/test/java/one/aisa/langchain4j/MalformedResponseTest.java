package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Generated, not hand-picked: valid responses (text, tool calls, legacy function call, thinking, usage with cost)
 * and valid streams are mutated one field at a time ({@link JsonMutations}), and every mutation must end in an
 * answer that says what the body says, or in a typed, retriable {@link AisaServerException} that names the field;
 * never in another exception, never in silence.
 */
class MalformedResponseTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    static final String TEXT = """
            {"id":"chatcmpl-1","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini-2024-07-18",
             "system_fingerprint":"fp_1","service_tier":"default",
             "choices":[{"index":0,"message":{"role":"assistant","content":"Berlin","refusal":null},
                         "logprobs":null,"finish_reason":"stop"}],
             "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,
                      "prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":0},
                      "cost":0.0012,"credits_remaining":4.9988}}""";

    static final String TOOL_CALLS = """
            {"id":"chatcmpl-2","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,"tool_calls":[
                 {"id":"call_1","type":"function","function":{"name":"get_weather","arguments":"{\\"city\\":\\"Paris\\"}"}},
                 {"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{\\"zone\\":\\"CET\\"}"}}]},
               "finish_reason":"tool_calls"}],
             "usage":{"prompt_tokens":20,"completion_tokens":10,"total_tokens":30,"cost":0.002}}""";

    static final String FUNCTION_CALL = """
            {"id":"chatcmpl-3","object":"chat.completion","created":1741570283,"model":"gpt-4o-mini",
             "choices":[{"index":0,"message":{"role":"assistant","content":null,
                         "function_call":{"name":"get_weather","arguments":"{}"}},"finish_reason":"function_call"}]}""";

    static final String THINKING = """
            {"id":"chatcmpl-4","object":"chat.completion","created":1741570283,"model":"deepseek-r1",
             "choices":[{"index":0,"message":{"role":"assistant","content":"42","reasoning_content":"Six times seven."},
                         "finish_reason":"stop"}],
             "usage":{"prompt_tokens":5,"completion_tokens":8,"total_tokens":13,
                      "completion_tokens_details":{"reasoning_tokens":4},"cost":"0.0001"}}""";

    static final List<String> TEXT_STREAM = List.of("""
            {"id":"c1","object":"chat.completion.chunk","created":1741570283,"model":"gpt-4o-mini",
             "choices":[{"index":0,"delta":{"role":"assistant","content":""},"finish_reason":null}]}""", """
            {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"Ber"},"finish_reason":null}]}""", """
            {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{"content":"lin"},"finish_reason":null}]}""", """
            {"id":"c1","object":"chat.completion.chunk","choices":[{"index":0,"delta":{},"finish_reason":"stop"}]}""", """
            {"id":"c1","object":"chat.completion.chunk","choices":[],
             "usage":{"prompt_tokens":9,"completion_tokens":2,"total_tokens":11,"cost":0.0012,"credits_remaining":4.99}}""");

    static final List<String> TOOL_STREAM = List.of("""
            {"id":"c2","choices":[{"index":0,"delta":{"role":"assistant","tool_calls":[
              {"index":0,"id":"call_1","type":"function","function":{"name":"get_weather","arguments":""}}]}}]}""", """
            {"id":"c2","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]}}]}""", """
            {"id":"c2","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"\\"Paris\\"}"}}]}}]}""", """
            {"id":"c2","choices":[{"index":0,"delta":{"tool_calls":[
              {"index":1,"id":"call_2","type":"function","function":{"name":"get_time","arguments":"{}"}}]}}]}""", """
            {"id":"c2","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}""", """
            {"id":"c2","choices":[],"usage":{"prompt_tokens":20,"completion_tokens":10,"total_tokens":30}}""");

    static final List<String> THINKING_STREAM = List.of("""
            {"id":"c3","choices":[{"index":0,"delta":{"role":"assistant","reasoning_content":"Six times"}}]}""", """
            {"id":"c3","choices":[{"index":0,"delta":{"reasoning_content":" seven."}}]}""", """
            {"id":"c3","choices":[{"index":0,"delta":{"content":"42"},"finish_reason":"stop"}]}""");

    // ------------------------------------------------------------------ blocking

    @Test
    void every_mutation_of_a_response_ends_in_its_answer_or_a_typed_error() throws Exception {
        AisaChatModel model = gateway.model().maxRetries(0).returnThinking(true).build();
        int answered = 0;
        int typed = 0;
        List<String> wrong = new ArrayList<>();
        for (String base : List.of(TEXT, TOOL_CALLS, FUNCTION_CALL, THINKING)) {
            for (JsonMutations.Mutation mutation : JsonMutations.of(GatewayStub.JSON.readTree(base))) {
                gateway.respond(okJson(mutation.document().toString()));
                Object outcome;
                try {
                    outcome = model.chat(ChatRequest.builder()
                            .messages(UserMessage.from("hi"))
                            .build());
                } catch (RuntimeException failure) {
                    outcome = failure;
                }
                String problem = blockingProblem(mutation, outcome);
                if (problem != null) {
                    wrong.add(mutation + ": " + problem);
                } else if (outcome instanceof ChatResponse) {
                    answered++;
                } else {
                    typed++;
                }
            }
        }
        assertThat(wrong).isEmpty();
        // the generator really produced both kinds of outcome
        assertThat(answered).isGreaterThan(50);
        assertThat(typed).isGreaterThan(50);
    }

    /** What is wrong with this outcome of this mutated body, or {@code null} when it is right. */
    private static String blockingProblem(JsonMutations.Mutation mutation, Object outcome) {
        JsonNode message = mutation.document().path("choices").path(0).path("message");
        if (outcome instanceof ContentFilteredException refusal) {
            // a refusal is the answer the body gives
            return scalarText(message.get("refusal")) != null ? null : "refused without a refusal: " + refusal;
        }
        if (outcome instanceof Throwable failure) {
            return typedProblem(mutation, failure, true);
        }
        AiMessage answer = ((ChatResponse) outcome).aiMessage();
        if (scalarText(message.get("refusal")) != null) {
            return "a refusal was answered as " + answer;
        }
        if (!java.util.Objects.equals(answer.text(), scalarText(message.get("content")))) {
            return "text " + answer.text() + " but the body says " + message.get("content");
        }
        String thinking = scalarText(message.get("reasoning_content"));
        if (!java.util.Objects.equals(answer.thinking(), thinking)) {
            return "thinking " + answer.thinking() + " but the body says " + thinking;
        }
        List<String> expected = expectedToolCalls(message);
        List<String> actual = answer.toolExecutionRequests().stream()
                .map(MalformedResponseTest::describe)
                .toList();
        return actual.equals(expected) ? null : "tool calls " + actual + " but the body says " + expected;
    }

    private static List<String> expectedToolCalls(JsonNode message) {
        List<String> calls = new ArrayList<>();
        for (JsonNode call : message.path("tool_calls")) {
            calls.add(expectedCall(call.get("function")));
        }
        JsonNode legacy = message.get("function_call");
        if (legacy != null && legacy.isObject()) {
            calls.add(expectedCall(legacy));
        }
        return calls;
    }

    /** Name and arguments; missing or blank arguments are {@code {}}, structured ones are written as JSON. */
    private static String expectedCall(JsonNode function) {
        JsonNode arguments = function.get("arguments");
        boolean none = arguments == null
                || arguments.isNull()
                || arguments.isTextual() && arguments.asText().isBlank();
        String args = none ? "{}" : arguments.isTextual() ? arguments.asText() : arguments.toString();
        return function.get("name").asText() + args;
    }

    private static String describe(ToolExecutionRequest request) {
        return request.name() + request.arguments();
    }

    // ------------------------------------------------------------------ streaming

    @Test
    void every_mutation_of_a_stream_ends_once_in_its_answer_or_a_typed_error() throws Exception {
        AisaStreamingChatModel model = AisaStreamingChatModel.builder()
                .apiKey(GatewayStub.API_KEY)
                .baseUrl(gateway.baseUrl())
                .modelName("gpt-4o-mini")
                .maxRetries(0)
                .returnThinking(true)
                .timeout(Duration.ofSeconds(5))
                .build();
        Map<String, RecordingStreamingHandler> handlers = new java.util.LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        int answered = 0;
        for (List<String> base : List.of(TEXT_STREAM, TOOL_STREAM, THINKING_STREAM)) {
            for (int chunk = 0; chunk < base.size(); chunk++) {
                for (JsonMutations.Mutation mutation : JsonMutations.of(GatewayStub.JSON.readTree(base.get(chunk)))) {
                    List<String> chunks = new ArrayList<>(base);
                    chunks.set(chunk, mutation.document().toString());
                    gateway.respond(aResponse()
                            .withStatus(200)
                            .withHeader("Content-Type", "text/event-stream")
                            .withBody(sse(chunks)));
                    RecordingStreamingHandler handler = new RecordingStreamingHandler();
                    model.chat("hi", handler);
                    Object end = handler.awaitTerminal();
                    String name = "chunk " + chunk + " " + mutation;
                    handlers.put(name + " #" + handlers.size(), handler);
                    String problem = end instanceof ChatResponse response
                            ? streamProblem(chunks, handler, response)
                            : typedProblem(mutation, (Throwable) end, false);
                    if (problem != null) {
                        wrong.add(name + ": " + problem);
                    } else if (end instanceof ChatResponse) {
                        answered++;
                    }
                }
            }
        }
        handlers.forEach((name, handler) -> {
            long ends = handler.callbacks().stream()
                    .filter(line -> line.startsWith("complete:") || line.startsWith("error:"))
                    .count();
            if (ends != 1) {
                wrong.add(name + ": " + ends + " terminal callbacks " + handler.callbacks());
            }
        });
        assertThat(wrong).isEmpty();
        assertThat(answered).isGreaterThan(50);
    }

    /** The partials add up to the final text, which is what the chunks say; each tool call completes once. */
    private static String streamProblem(List<String> chunks, RecordingStreamingHandler handler, ChatResponse response)
            throws Exception {
        StringBuilder expected = new StringBuilder();
        for (String chunk : chunks) {
            String content = scalarText(GatewayStub.JSON
                    .readTree(chunk)
                    .path("choices")
                    .path(0)
                    .path("delta")
                    .get("content"));
            expected.append(content == null ? "" : content);
        }
        String partials = String.join(
                "",
                handler.callbacks().stream()
                        .filter(line -> line.startsWith("partial:"))
                        .map(line -> line.substring("partial:".length()))
                        .toList());
        String text =
                response.aiMessage().text() == null ? "" : response.aiMessage().text();
        if (!text.equals(partials) || !text.equals(expected.toString())) {
            return "text '" + text + "', partials '" + partials + "', chunks say '" + expected + "'";
        }
        long completedTools = handler.callbacks().stream()
                .filter(line -> line.startsWith("completeTool:"))
                .count();
        long distinctTools = handler.callbacks().stream()
                .filter(line -> line.startsWith("completeTool:"))
                .distinct()
                .count();
        int answeredTools = response.aiMessage().toolExecutionRequests().size();
        return completedTools == answeredTools && distinctTools == completedTools
                ? null
                : completedTools + " completed tool calls for " + answeredTools + " in the answer";
    }

    // ------------------------------------------------------------------ shared

    /** A failure must be one of ours, retriable, and (for a blocking body) name the field that was wrong. */
    private static String typedProblem(JsonMutations.Mutation mutation, Throwable failure, boolean blocking) {
        if (!(failure instanceof AisaError) || !(failure instanceof RetriableException)) {
            return "untyped " + failure;
        }
        if (!failure.getMessage().startsWith("AIsa gateway error")) {
            return "message does not say where it came from: " + failure.getMessage();
        }
        if (blocking
                && !(failure instanceof AisaServerException
                        && mutation.names().stream().anyMatch(failure.getMessage()::contains))) {
            return "does not name the field: " + failure;
        }
        return null;
    }

    private static String sse(List<String> chunks) {
        StringBuilder body = new StringBuilder();
        for (String chunk : chunks) {
            body.append("data: ").append(chunk.replace("\n", "")).append("\n\n");
        }
        return body.append("data: [DONE]\n\n").toString();
    }

    /** The text a scalar field holds, as Jackson and the stream reader take it; {@code null} when absent or empty. */
    private static String scalarText(JsonNode value) {
        if (value == null || value.isNull() || value.isContainerNode()) {
            return null;
        }
        String text = value.asText();
        return text.isEmpty() ? null : text;
    }
}

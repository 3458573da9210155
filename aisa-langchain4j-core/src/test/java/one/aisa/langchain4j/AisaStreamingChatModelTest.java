package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.agent.tool.P;
import dev.langchain4j.agent.tool.Tool;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingHandle;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.service.AiServices;
import dev.langchain4j.service.TokenStream;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaInvalidRequestException;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import one.aisa.langchain4j.exception.AisaRateLimitException;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.exception.AisaTimeoutException;
import one.aisa.langchain4j.exception.InsufficientCreditsException;
import one.aisa.langchain4j.internal.AisaHttpClientBuilder;
import one.aisa.langchain4j.internal.AisaJdkHttpClient;
import one.aisa.langchain4j.internal.GatewayErrors;
import one.aisa.langchain4j.internal.SecretRedactor;
import one.aisa.langchain4j.internal.StreamingCall;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.LoggerFactory;

/**
 * {@link AisaStreamingChatModel} against byte-exact SSE streams in the shapes real providers send through the
 * gateway (wire-formats.md section 3): every test checks the exact sequence of callbacks a handler receives. WireMock
 * serves whole bodies; {@link RawSseServer} serves what needs control over TCP writes (splits, stalls, hang-ups).
 */
class AisaStreamingChatModelTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    /** How long "nothing more arrives" is watched for after the end or a cancellation. */
    private static final Duration QUIET = Duration.ofMillis(250);

    // ------------------------------------------------------------------ helpers

    private AisaStreamingChatModel.AisaStreamingChatModelBuilder model() {
        return model(gateway.baseUrl());
    }

    private AisaStreamingChatModel.AisaStreamingChatModelBuilder model(String baseUrl) {
        return AisaStreamingChatModel.builder()
                .apiKey(GatewayStub.API_KEY)
                .baseUrl(baseUrl)
                .modelName("gpt-4o-mini")
                .sleeper(gateway.sleeper)
                .timeout(Duration.ofSeconds(5));
    }

    private static ResponseDefinitionBuilder sse(String body) {
        return aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                .withHeader("x-request-id", "req_stream_1")
                .withBody(body);
    }

    private void stream(String body) {
        gateway.respond(sse(body));
    }

    private static RecordingStreamingHandler chat(AisaStreamingChatModel model) {
        RecordingStreamingHandler handler = new RecordingStreamingHandler();
        model.chat("hi", handler);
        return handler;
    }

    private RecordingStreamingHandler chat() {
        return chat(model().build());
    }

    /** One SSE body: each item becomes {@code data: <item>} followed by a blank line. */
    static String events(String... data) {
        StringBuilder body = new StringBuilder();
        for (String item : data) {
            body.append("data: ").append(item).append("\n\n");
        }
        return body.toString();
    }

    static final String DONE = "[DONE]";

    static String q(String text) {
        return text == null ? "null" : GatewayStub.quote(text);
    }

    static String chunk(String delta, String finishReason) {
        return "{\"id\":\"c1\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\"m\",\"choices\":"
                + "[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":" + q(finishReason) + "}]}";
    }

    static String text(String content) {
        return chunk("{\"content\":" + q(content) + "}", null);
    }

    static String finish(String reason) {
        return chunk("{}", reason);
    }

    static String tools(String... calls) {
        return chunk("{\"tool_calls\":[" + String.join(",", calls) + "]}", null);
    }

    /** A first tool-call fragment: index, id, name and (possibly empty) arguments. */
    static String call(int index, String id, String name, String arguments) {
        return "{\"index\":" + index + ",\"id\":" + q(id) + ",\"type\":\"function\",\"function\":{\"name\":" + q(name)
                + ",\"arguments\":" + q(arguments) + "}}";
    }

    /** A continuation fragment: only index and an arguments piece, as OpenAI sends them. */
    static String args(int index, String fragment) {
        return "{\"index\":" + index + ",\"function\":{\"arguments\":" + q(fragment) + "}}";
    }

    private static AisaChatResponseMetadata metadata(ChatResponse response) {
        assertThat(response.metadata()).isInstanceOf(AisaChatResponseMetadata.class);
        return (AisaChatResponseMetadata) response.metadata();
    }

    private static ToolExecutionRequest tool(String id, String name, String arguments) {
        return ToolExecutionRequest.builder()
                .id(id)
                .name(name)
                .arguments(arguments)
                .build();
    }

    private static final String HELLO_STREAM = events(text("Hel"), text("lo"), finish("stop"), DONE);

    // ------------------------------------------------------------------ text

    @Test
    void plain_text_stream_delivers_partials_in_order_then_the_full_response_and_metadata() throws Exception {
        stream("""
                data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"role":"assistant","content":"","refusal":null},"logprobs":null,"finish_reason":null}],"usage":null,"obfuscation":"r4N7vQ"}

                data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":null}],"usage":null}

                data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":"Hel"},"logprobs":null,"finish_reason":null}],"usage":null}

                data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":"lo"},"logprobs":null,"finish_reason":null}],"usage":null}

                data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{"content":" wörld ✓"},"logprobs":null,"finish_reason":null}],"usage":null}

                data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[{"index":0,"delta":{},"logprobs":null,"finish_reason":"stop"}],"usage":null}

                data: {"id":"chatcmpl-9x","object":"chat.completion.chunk","created":1694268190,"model":"gpt-4o-mini-2024-07-18","system_fingerprint":"fp_44709d6fcb","choices":[],"usage":{"prompt_tokens":9,"completion_tokens":12,"total_tokens":21,"prompt_tokens_details":{"cached_tokens":3,"audio_tokens":0},"completion_tokens_details":{"reasoning_tokens":4,"audio_tokens":0,"accepted_prediction_tokens":0,"rejected_prediction_tokens":0},"cost":0.0012,"credits_remaining":4.9988}}

                data: [DONE]

                """);

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        // role-only, content "", finish and usage chunks carry nothing typed: they go to onUnmappedRawEvent
        assertThat(handler.all())
                .containsExactly(
                        "unmapped",
                        "unmapped",
                        "partial:Hel",
                        "partial:lo",
                        "partial: wörld ✓",
                        "unmapped",
                        "unmapped",
                        "complete:Hello wörld ✓");
        assertThat(response.aiMessage().text()).isEqualTo("Hello wörld ✓");
        assertThat(response.aiMessage().toolExecutionRequests()).isEmpty();
        assertThat(response.aiMessage().thinking()).isNull();
        AisaChatResponseMetadata metadata = metadata(response);
        assertThat(metadata.id()).isEqualTo("chatcmpl-9x");
        assertThat(metadata.modelName()).isEqualTo("gpt-4o-mini-2024-07-18");
        assertThat(metadata.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(metadata.rawFinishReason()).isEqualTo("stop");
        assertThat(metadata.cost()).isEqualByComparingTo(new BigDecimal("0.0012"));
        assertThat(metadata.creditsRemaining()).isEqualByComparingTo(new BigDecimal("4.9988"));
        assertThat(metadata.requestId()).isEqualTo("req_stream_1");
        assertThat(metadata.created()).isEqualTo(1694268190L);
        assertThat(metadata.systemFingerprint()).isEqualTo("fp_44709d6fcb");
        OpenAiTokenUsage usage = metadata.tokenUsage();
        assertThat(usage.inputTokenCount()).isEqualTo(9);
        assertThat(usage.outputTokenCount()).isEqualTo(12);
        assertThat(usage.totalTokenCount()).isEqualTo(21);
        assertThat(usage.inputTokensDetails().cachedTokens()).isEqualTo(3);
        assertThat(usage.outputTokensDetails().reasoningTokens()).isEqualTo(4);
        assertThat(response.tokenUsage()).isEqualTo(usage);

        JsonNode request = gateway.lastRequest();
        assertThat(request.get("stream").asBoolean()).isTrue();
        assertThat(request.at("/stream_options/include_usage").asBoolean()).isTrue();
        assertThat(request.get("model").asText()).isEqualTo("gpt-4o-mini");
        assertThat(request.at("/messages/0/role").asText()).isEqualTo("user");
        assertThat(request.at("/messages/0/content").asText()).isEqualTo("hi");
        assertThat(gateway.rawRequests()).hasSize(1);
        assertThat(gateway.rawRequests().get(0).getHeader("Accept")).isEqualTo("text/event-stream");
        assertThat(gateway.rawRequests().get(0).getHeader("Authorization")).isEqualTo("Bearer " + GatewayStub.API_KEY);
    }

    @Test
    void reasoning_content_deltas_become_partial_thinking_then_content_follows() throws Exception {
        stream(DEEPSEEK_THINKING);

        RecordingStreamingHandler handler = chat(model().returnThinking(true).build());
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "thinking:9.11 vs 9.8:",
                        "thinking: compare tenths.",
                        "partial:9.8",
                        "partial: is greater.",
                        "complete:9.8 is greater.");
        assertThat(response.aiMessage().thinking()).isEqualTo("9.11 vs 9.8: compare tenths.");
        assertThat(response.aiMessage().text()).isEqualTo("9.8 is greater.");
        assertThat(metadata(response).tokenUsage().outputTokensDetails().reasoningTokens())
                .isEqualTo(291);
    }

    @Test
    void the_reasoning_alias_of_vllm_and_openrouter_is_thinking_too() throws Exception {
        stream(events(
                chunk("{\"role\":\"assistant\",\"content\":\"\",\"reasoning\":\"Step 1.\"}", null),
                chunk(
                        "{\"content\":\"\",\"reasoning\":\" Step 2.\",\"reasoning_details\":[{\"type\":\"reasoning.text\","
                                + "\"text\":\" Step 2.\",\"index\":0}]}",
                        null),
                chunk("{\"content\":\"Done\",\"reasoning\":null}", null),
                finish("stop"),
                DONE));

        RecordingStreamingHandler handler = chat(model().returnThinking(true).build());
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly("thinking:Step 1.", "thinking: Step 2.", "partial:Done", "complete:Done");
        assertThat(response.aiMessage().thinking()).isEqualTo("Step 1. Step 2.");
    }

    @Test
    void thinking_and_content_in_one_delta_are_delivered_thinking_first() throws Exception {
        // vLLM's reasoning parser sends the end of the reasoning and the start of the answer in one delta
        stream(events(
                chunk("{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"Compare tenths\"}", null),
                chunk("{\"reasoning_content\":\": 8 > 1.\",\"content\":\"9.8\"}", null),
                text(" is greater."),
                finish("stop"),
                DONE));

        RecordingStreamingHandler handler = chat(model().returnThinking(true).build());
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "thinking:Compare tenths",
                        "thinking:: 8 > 1.",
                        "partial:9.8",
                        "partial: is greater.",
                        "complete:9.8 is greater.");
        assertThat(response.aiMessage().thinking()).isEqualTo("Compare tenths: 8 > 1.");
    }

    @Test
    void without_returnThinking_no_thinking_callbacks_and_no_thinking_in_the_message() throws Exception {
        stream(DEEPSEEK_THINKING);

        RecordingStreamingHandler handler = chat(model().returnThinking(false).build());
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly("partial:9.8", "partial: is greater.", "complete:9.8 is greater.");
        assertThat(response.aiMessage().thinking()).isNull();
        assertThat(response.aiMessage().text()).isEqualTo("9.8 is greater.");
    }

    private static final String DEEPSEEK_THINKING = """
            data: {"id":"e1b2","object":"chat.completion.chunk","created":1737000000,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"role":"assistant","content":null,"reasoning_content":"9.11 vs 9.8:"},"logprobs":null,"finish_reason":null}]}

            data: {"id":"e1b2","object":"chat.completion.chunk","created":1737000000,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"content":null,"reasoning_content":" compare tenths."},"logprobs":null,"finish_reason":null}]}

            data: {"id":"e1b2","object":"chat.completion.chunk","created":1737000000,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"content":"9.8","reasoning_content":null},"logprobs":null,"finish_reason":null}]}

            data: {"id":"e1b2","object":"chat.completion.chunk","created":1737000000,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"content":" is greater."},"logprobs":null,"finish_reason":null}]}

            data: {"id":"e1b2","object":"chat.completion.chunk","created":1737000000,"model":"deepseek-reasoner","choices":[{"index":0,"delta":{"content":""},"logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":17,"completion_tokens":310,"total_tokens":327,"prompt_tokens_details":{"cached_tokens":0},"completion_tokens_details":{"reasoning_tokens":291},"prompt_cache_hit_tokens":0,"prompt_cache_miss_tokens":17}}

            data: [DONE]

            """;

    // ------------------------------------------------------------------ tool calls

    @Test
    void single_call_with_arguments_split_across_three_chunks() throws Exception {
        stream("""
                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_a1","type":"function","function":{"name":"get_weather","arguments":""}}]},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"{\\"ci"}}]},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"ty\\":\\"Par"}}]},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{"tool_calls":[{"index":0,"function":{"arguments":"is\\"}"}}]},"finish_reason":null}]}

                data: {"id":"c1","object":"chat.completion.chunk","created":1,"model":"m","choices":[{"index":0,"delta":{},"finish_reason":"tool_calls"}]}

                data: [DONE]

                """);
        ToolSpecification weather = ToolSpecification.builder()
                .name("get_weather")
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("city")
                        .required("city")
                        .build())
                .build();
        RecordingStreamingHandler handler = new RecordingStreamingHandler();

        model().build()
                .chat(
                        ChatRequest.builder()
                                .messages(UserMessage.from("Weather in Paris?"))
                                .toolSpecifications(weather)
                                .build(),
                        handler);
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "partialTool:0:call_a1:get_weather:{\"ci",
                        "partialTool:0:call_a1:get_weather:ty\":\"Par",
                        "partialTool:0:call_a1:get_weather:is\"}",
                        "completeTool:0:call_a1:get_weather:{\"city\":\"Paris\"}",
                        "complete:null");
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(tool("call_a1", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(response.aiMessage().text()).isNull();
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(metadata(response).rawFinishReason()).isEqualTo("tool_calls");
        JsonNode request = gateway.lastRequest();
        assertThat(request.at("/tools/0/function/name").asText()).isEqualTo("get_weather");
        assertThat(request.get("stream").asBoolean()).isTrue();
    }

    @Test
    void two_sequential_calls_complete_the_first_as_soon_as_the_second_starts() throws Exception {
        stream(events(
                tools(call(0, "call_a", "get_weather", "")),
                tools(args(0, "{\"city\":")),
                tools(args(0, "\"Paris\"}")),
                tools(call(1, "call_b", "get_time", "")),
                tools(args(1, "{\"tz\":\"CET\"}")),
                finish("tool_calls"),
                DONE));

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "partialTool:0:call_a:get_weather:{\"city\":",
                        "partialTool:0:call_a:get_weather:\"Paris\"}",
                        "completeTool:0:call_a:get_weather:{\"city\":\"Paris\"}",
                        "partialTool:1:call_b:get_time:{\"tz\":\"CET\"}",
                        "completeTool:1:call_b:get_time:{\"tz\":\"CET\"}",
                        "complete:null");
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(
                        tool("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                        tool("call_b", "get_time", "{\"tz\":\"CET\"}"));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void two_calls_interleaved_by_index_are_assembled_per_index_and_completed_once_each() throws Exception {
        stream(events(
                tools(call(0, "call_a", "get_weather", "{\"city\":")),
                tools(call(1, "call_b", "get_time", "{\"tz\":")),
                tools(args(0, "\"Paris\"}")),
                tools(args(1, "\"CET\"}")),
                finish("tool_calls"),
                DONE));

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "partialTool:0:call_a:get_weather:{\"city\":",
                        "partialTool:1:call_b:get_time:{\"tz\":",
                        "partialTool:0:call_a:get_weather:\"Paris\"}",
                        "partialTool:1:call_b:get_time:\"CET\"}",
                        "completeTool:0:call_a:get_weather:{\"city\":\"Paris\"}",
                        "completeTool:1:call_b:get_time:{\"tz\":\"CET\"}",
                        "complete:null");
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(
                        tool("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                        tool("call_b", "get_time", "{\"tz\":\"CET\"}"));
    }

    @Test
    void a_call_opened_out_of_order_keeps_its_own_index() throws Exception {
        stream(events(
                tools(call(1, "call_b", "get_time", "")),
                tools(call(0, "call_a", "get_weather", "")),
                tools(args(1, "{\"tz\":\"CET\"}")),
                tools(args(0, "{\"city\":\"Paris\"}")),
                finish("tool_calls"),
                DONE));

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "partialTool:1:call_b:get_time:{\"tz\":\"CET\"}",
                        "partialTool:0:call_a:get_weather:{\"city\":\"Paris\"}",
                        "completeTool:1:call_b:get_time:{\"tz\":\"CET\"}",
                        "completeTool:0:call_a:get_weather:{\"city\":\"Paris\"}",
                        "complete:null");
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(
                        tool("call_a", "get_weather", "{\"city\":\"Paris\"}"),
                        tool("call_b", "get_time", "{\"tz\":\"CET\"}"));
    }

    @Test
    void gemini_layer_calls_without_index_each_whole_in_one_delta_and_finish_reason_stop() throws Exception {
        stream("""
                data: {"choices":[{"delta":{"role":"assistant","tool_calls":[{"extra_content":{"google":{"thought_signature":"EpQC"}},"function":{"arguments":"{\\"path\\":\\"a.md\\"}","name":"read"},"id":"call_297140","type":"function"}]},"index":0}],"created":1741570283,"id":"gem-1","model":"gemini-2.5-flash","object":"chat.completion.chunk"}

                data: {"choices":[{"delta":{"role":"assistant","tool_calls":[{"function":{"arguments":"{\\"path\\":\\"b.md\\"}","name":"read"},"id":"call_297141","type":"function"}]},"index":0}],"created":1741570283,"id":"gem-1","model":"gemini-2.5-flash","object":"chat.completion.chunk"}

                data: {"choices":[{"delta":{"role":"assistant"},"finish_reason":"stop","index":0}],"created":1741570283,"id":"gem-1","model":"gemini-2.5-flash","object":"chat.completion.chunk","usage":{"completion_tokens":20,"prompt_tokens":30,"total_tokens":50}}

                data: [DONE]

                """);

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "partialTool:0:call_297140:read:{\"path\":\"a.md\"}",
                        "partialTool:1:call_297141:read:{\"path\":\"b.md\"}",
                        "completeTool:0:call_297140:read:{\"path\":\"a.md\"}",
                        "completeTool:1:call_297141:read:{\"path\":\"b.md\"}",
                        "complete:null");
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(
                        tool("call_297140", "read", "{\"path\":\"a.md\"}"),
                        tool("call_297141", "read", "{\"path\":\"b.md\"}"));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(metadata(response).rawFinishReason()).isEqualTo("stop");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                // Anthropic-backed: a no-argument tool ends with arguments ""
                "{\"index\":0,\"id\":\"toolu_01\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":\"\"}}",
                // vLLM: a name-only first fragment, and no argument fragment ever
                "{\"index\":0,\"id\":\"toolu_01\",\"type\":\"function\",\"function\":{\"name\":\"get_time\"}}",
                // arguments null
                "{\"index\":0,\"id\":\"toolu_01\",\"type\":\"function\",\"function\":{\"name\":\"get_time\",\"arguments\":null}}"
            })
    void empty_or_missing_arguments_become_an_empty_json_object(String firstFragment) throws Exception {
        stream(events(tools(firstFragment), finish("tool_calls"), DONE));

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks()).containsExactly("completeTool:0:toolu_01:get_time:{}", "complete:null");
        assertThat(response.aiMessage().toolExecutionRequests()).containsExactly(tool("toolu_01", "get_time", "{}"));
    }

    @Test
    void tgi_sends_tool_calls_as_an_object_with_arguments_as_a_json_object() throws Exception {
        stream(events(
                chunk(
                        "{\"role\":\"assistant\",\"tool_calls\":{\"index\":0,\"id\":\"call_tgi\",\"type\":\"function\","
                                + "\"function\":{\"name\":\"get_weather\",\"arguments\":{\"city\":\"Paris\",\"days\":2}}}}",
                        null),
                finish("tool_calls"),
                DONE));

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "partialTool:0:call_tgi:get_weather:{\"city\":\"Paris\",\"days\":2}",
                        "completeTool:0:call_tgi:get_weather:{\"city\":\"Paris\",\"days\":2}",
                        "complete:null");
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(tool("call_tgi", "get_weather", "{\"city\":\"Paris\",\"days\":2}"));
    }

    @Test
    void continuation_fragments_with_empty_id_or_null_name_do_not_overwrite_what_is_known() throws Exception {
        stream(events(
                // TGI: tool_calls as an object; continuations carry "id":"" and "name":null
                chunk(
                        "{\"tool_calls\":{\"index\":0,\"id\":\"call_tgi\",\"type\":\"function\","
                                + "\"function\":{\"name\":\"get_weather\",\"arguments\":\"{\\\"\"}}}",
                        null),
                chunk(
                        "{\"tool_calls\":{\"index\":0,\"id\":\"\",\"type\":\"function\","
                                + "\"function\":{\"name\":null,\"arguments\":\"city\\\": \"}}}",
                        null),
                // Qwen repeats the id; others send "name":""
                tools(
                        "{\"index\":0,\"id\":\"call_tgi\",\"type\":\"function\",\"function\":{\"arguments\":\"\\\"Par\"}}"),
                tools("{\"index\":0,\"id\":\"\",\"function\":{\"name\":\"\",\"arguments\":\"is\\\"}\"}}"),
                finish("tool_calls"),
                DONE));

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "partialTool:0:call_tgi:get_weather:{\"",
                        "partialTool:0:call_tgi:get_weather:city\": ",
                        "partialTool:0:call_tgi:get_weather:\"Par",
                        "partialTool:0:call_tgi:get_weather:is\"}",
                        "completeTool:0:call_tgi:get_weather:{\"city\": \"Paris\"}",
                        "complete:null");
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(tool("call_tgi", "get_weather", "{\"city\": \"Paris\"}"));
    }

    @Test
    void text_before_a_tool_call_is_streamed_and_kept_beside_the_call() throws Exception {
        stream(events(
                chunk("{\"role\":\"assistant\",\"content\":\"Let me check\"}", null),
                text(" the weather."),
                tools(call(0, "toolu_9", "get_weather", "")),
                tools(args(0, "{\"city\":\"Paris\"}")),
                finish("tool_calls"),
                DONE));

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "partial:Let me check",
                        "partial: the weather.",
                        "partialTool:0:toolu_9:get_weather:{\"city\":\"Paris\"}",
                        "completeTool:0:toolu_9:get_weather:{\"city\":\"Paris\"}",
                        "complete:Let me check the weather.");
        assertThat(response.aiMessage().text()).isEqualTo("Let me check the weather.");
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(tool("toolu_9", "get_weather", "{\"city\":\"Paris\"}"));
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    @Test
    void legacy_function_call_deltas_become_one_tool_call() throws Exception {
        stream("""
                data: {"id":"c2","object":"chat.completion.chunk","created":1,"model":"gpt-3.5-turbo-0613","choices":[{"index":0,"delta":{"role":"assistant","content":null,"function_call":{"name":"get_weather","arguments":""}},"finish_reason":null}]}

                data: {"id":"c2","object":"chat.completion.chunk","created":1,"model":"gpt-3.5-turbo-0613","choices":[{"index":0,"delta":{"function_call":{"arguments":"{\\"city\\":"}},"finish_reason":null}]}

                data: {"id":"c2","object":"chat.completion.chunk","created":1,"model":"gpt-3.5-turbo-0613","choices":[{"index":0,"delta":{"function_call":{"arguments":"\\"Paris\\"}"}},"finish_reason":null}]}

                data: {"id":"c2","object":"chat.completion.chunk","created":1,"model":"gpt-3.5-turbo-0613","choices":[{"index":0,"delta":{},"finish_reason":"function_call"}]}

                data: [DONE]

                """);

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "partialTool:0:null:get_weather:{\"city\":",
                        "partialTool:0:null:get_weather:\"Paris\"}",
                        "completeTool:0:null:get_weather:{\"city\":\"Paris\"}",
                        "complete:null");
        assertThat(response.aiMessage().toolExecutionRequests()).hasSize(1);
        ToolExecutionRequest request =
                response.aiMessage().toolExecutionRequests().get(0);
        assertThat(request.name()).isEqualTo("get_weather");
        assertThat(request.arguments()).isEqualTo("{\"city\":\"Paris\"}");
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
    }

    // ------------------------------------------------------------------ SSE framing

    private static final String E1 = chunk("{\"role\":\"assistant\",\"content\":\"Hel\"}", null);
    private static final String E2 = text("lo");
    private static final String E3 = finish("stop");

    static Stream<Arguments> framings() {
        String prettyE2 = """
                {
                  "id": "c1",
                  "object": "chat.completion.chunk",
                  "choices": [ { "index": 0, "delta": { "content": "lo" }, "finish_reason": null } ]
                }""";
        String multiLine = "data: " + E1 + "\n\n"
                + Arrays.stream(prettyE2.split("\n"))
                        .map(line -> "data: " + line + "\n")
                        .reduce("", String::concat)
                + "\n" + "data: " + E3 + "\n\n" + "data: [DONE]\n\n";
        return Stream.of(
                arguments("LF", events(E1, E2, E3, DONE)),
                arguments("CRLF line endings", events(E1, E2, E3, DONE).replace("\n", "\r\n")),
                arguments("lone CR line endings", events(E1, E2, E3, DONE).replace("\n", "\r")),
                arguments(
                        "comment lines before, between, inside and after events",
                        ": keep-alive\n\n" + ": OPENROUTER PROCESSING\n\n" + "data: " + E1 + "\n\n"
                                + ": OPENROUTER PROCESSING\n\n" + ": ping\n" + "data: " + E2 + "\n: inside\n\n"
                                + "data: " + E3 + "\n\n: keep-alive\n\n" + "data: [DONE]\n\n: after\n\n"),
                arguments(
                        "event, id and retry lines",
                        "retry: 3000\n\n" + "event: message\nid: 1\ndata: " + E1 + "\n\n" + "id: 2\ndata: " + E2
                                + "\nretry: 1000\n\n" + "event: message\ndata: " + E3 + "\nid: 3\n\n"
                                + "data: [DONE]\n\n"),
                arguments(
                        "data: without the space",
                        "data:" + E1 + "\n\ndata:" + E2 + "\n\ndata:" + E3 + "\n\ndata:[DONE]\n\n"),
                arguments("a pretty-printed JSON over several data: lines", multiLine),
                arguments("no [DONE]: a finish chunk then EOF", events(E1, E2, E3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("framings")
    void every_sse_framing_yields_the_same_callbacks(String name, String body) throws Exception {
        stream(body);

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks()).containsExactly("partial:Hel", "partial:lo", "complete:Hello");
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
        assertThat(gateway.requests()).hasSize(1);
    }

    @Test
    void azure_empty_choices_chunk_first_with_empty_id_and_model() throws Exception {
        stream(events(
                "{\"choices\":[],\"created\":0,\"id\":\"\",\"model\":\"\",\"object\":\"\",\"prompt_filter_results\":"
                        + "[{\"prompt_index\":0,\"content_filter_results\":{\"hate\":{\"filtered\":false,\"severity\":\"safe\"}}}]}",
                "{\"choices\":[{\"content_filter_results\":{},\"delta\":{\"content\":\"\",\"refusal\":null,\"role\":\"assistant\"},"
                        + "\"finish_reason\":null,\"index\":0}],\"created\":1741570283,\"id\":\"chatcmpl-az\","
                        + "\"model\":\"gpt-4o-2024-08-06\",\"object\":\"chat.completion.chunk\"}",
                "{\"choices\":[{\"delta\":{\"content\":\"Hi\"},\"finish_reason\":null,\"index\":0}],"
                        + "\"created\":1741570283,\"id\":\"chatcmpl-az\",\"model\":\"gpt-4o-2024-08-06\",\"object\":\"chat.completion.chunk\"}",
                "{\"choices\":[{\"delta\":{},\"finish_reason\":\"stop\",\"index\":0}],"
                        + "\"created\":1741570283,\"id\":\"chatcmpl-az\",\"model\":\"gpt-4o-2024-08-06\",\"object\":\"chat.completion.chunk\"}",
                DONE));

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.all()).containsExactly("unmapped", "unmapped", "partial:Hi", "unmapped", "complete:Hi");
        assertThat(response.id()).isEqualTo("chatcmpl-az");
        assertThat(response.modelName()).isEqualTo("gpt-4o-2024-08-06");
        assertThat(metadata(response).created()).isEqualTo(1741570283L);
    }

    @Test
    void content_null_deltas_deliver_nothing() throws Exception {
        stream(events(
                chunk("{\"role\":\"assistant\",\"content\":null}", null),
                text("Hi"),
                chunk("{\"content\":null}", null),
                chunk("{\"content\":null}", "stop"),
                DONE));

        RecordingStreamingHandler handler = chat();
        handler.awaitComplete();

        assertThat(handler.all()).containsExactly("unmapped", "partial:Hi", "unmapped", "unmapped", "complete:Hi");
    }

    @Test
    void vllm_continuous_usage_in_every_chunk_the_last_one_wins() throws Exception {
        stream(events(
                usageChunk("{\"role\":\"assistant\",\"content\":\"A\"}", null, 10, 1),
                usageChunk("{\"content\":\"B\"}", null, 10, 2),
                usageChunk("{\"content\":\"C\"}", null, 10, 3),
                usageChunk("{}", "stop", 10, 4),
                DONE));

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks()).containsExactly("partial:A", "partial:B", "partial:C", "complete:ABC");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(10);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(4);
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(14);
    }

    @Test
    void llama_cpp_usage_only_on_the_finish_chunk() throws Exception {
        stream(events(
                text("Hi"),
                "{\"choices\":[{\"finish_reason\":\"stop\",\"index\":0,\"delta\":{}}],\"created\":1,\"id\":\"chatcmpl-ll\","
                        + "\"model\":\"llama-3\",\"object\":\"chat.completion.chunk\",\"usage\":{\"completion_tokens\":7,"
                        + "\"prompt_tokens\":5,\"total_tokens\":12},\"timings\":{\"prompt_n\":5,\"predicted_n\":7}}",
                DONE));

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks()).containsExactly("partial:Hi", "complete:Hi");
        assertThat(response.tokenUsage().inputTokenCount()).isEqualTo(5);
        assertThat(response.tokenUsage().outputTokenCount()).isEqualTo(7);
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(12);
        assertThat(response.finishReason()).isEqualTo(FinishReason.STOP);
    }

    @Test
    void done_without_any_finish_reason_completes_without_one_as_the_blocking_model_does() throws Exception {
        stream(events(text("Hel"), text("lo"), DONE));

        RecordingStreamingHandler handler = chat();
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks()).containsExactly("partial:Hel", "partial:lo", "complete:Hello");
        // one rule on both paths (FinishReasons.resolve): none sent, none made up
        assertThat(response.finishReason()).isNull();
        assertThat(metadata(response).rawFinishReason()).isNull();
    }

    @Test
    void eof_without_finish_reason_or_done_after_some_text_is_an_error_not_a_completion() throws Exception {
        stream(events(text("Hel"), text("lo")));

        RecordingStreamingHandler handler = chat();
        Throwable error = handler.awaitError();

        assertThat(handler.shape()).containsExactly("partial:Hel", "partial:lo", "error:AisaConnectionException");
        assertThat(error)
                .isInstanceOf(AisaConnectionException.class)
                .hasMessageContaining("the stream ended before the model finished");
        handler.assertNoMoreCallbacksWithin(QUIET);
        assertThat(handler.completed()).isFalse();
        assertThat(gateway.requests()).hasSize(1);
    }

    private static String usageChunk(String delta, String finishReason, int prompt, int completion) {
        String chunk = chunk(delta, finishReason);
        return chunk.substring(0, chunk.length() - 1) + ",\"usage\":{\"prompt_tokens\":" + prompt
                + ",\"completion_tokens\":" + completion + ",\"total_tokens\":" + (prompt + completion) + "}}";
    }

    // ------------------------------------------------------------------ TCP-level splits (RawSseServer)

    @ParameterizedTest
    @EnumSource(RawSseServer.Framing.class)
    void events_split_mid_json_and_mid_utf8_character_across_writes_are_reassembled(RawSseServer.Framing framing)
            throws Exception {
        CountDownLatch firstPartialSeen = new CountDownLatch(1);
        CountDownLatch secondPartialSeen = new CountDownLatch(1);
        CountDownLatch thirdPartialSeen = new CountDownLatch(1);
        byte[] cafe = ("data: " + text("café") + "\n\n").getBytes(UTF_8);
        byte[] emoji = ("data: " + text("😀 你好") + "\n\n").getBytes(UTF_8);
        int eAcute = indexOf(cafe, "é".getBytes(UTF_8)) + 1; // between the two bytes of é
        int grin = indexOf(emoji, "😀".getBytes(UTF_8)) + 2; // in the middle of the 4 bytes of 😀
        int ni = indexOf(emoji, "你".getBytes(UTF_8)) + 1; // after the first of the 3 bytes of 你
        byte[] doneEvent = ("data: " + finish("stop") + "\n\ndata: [DONE]\n\n").getBytes(UTF_8);

        try (RawSseServer raw = RawSseServer.builder()
                .framing(framing)
                .header("x-request-id", "req_raw")
                .write(concat(("data: " + text("Hel") + "\n\n").getBytes(UTF_8), Arrays.copyOfRange(cafe, 0, eAcute)))
                .await(firstPartialSeen)
                .write(Arrays.copyOfRange(cafe, eAcute, cafe.length - 1)) // all but the last \n of the blank line
                .write(Arrays.copyOfRange(cafe, cafe.length - 1, cafe.length))
                .await(secondPartialSeen)
                .write(Arrays.copyOfRange(emoji, 0, 10)) // "data: {\"id" - inside the JSON
                .write(Arrays.copyOfRange(emoji, 10, grin))
                .write(Arrays.copyOfRange(emoji, grin, ni))
                .write(Arrays.copyOfRange(emoji, ni, emoji.length))
                .await(thirdPartialSeen)
                .write(doneEvent)
                .start()) {
            RecordingStreamingHandler handler = new RecordingStreamingHandler().onPartial((count, partial, context) -> {
                switch (count) {
                    case 1 -> firstPartialSeen.countDown();
                    case 2 -> secondPartialSeen.countDown();
                    case 3 -> thirdPartialSeen.countDown();
                    default -> {}
                }
            });

            model(raw.baseUrl()).build().chat("hi", handler);
            ChatResponse response = handler.awaitComplete();

            assertThat(handler.callbacks())
                    .containsExactly("partial:Hel", "partial:café", "partial:😀 你好", "complete:Helcafé😀 你好");
            assertThat(response.aiMessage().text()).isEqualTo("Helcafé😀 你好");
            assertThat(metadata(response).requestId()).isEqualTo("req_raw");
            // the client may finish before the server thread counts its last write: wait for the script's end
            assertThat(raw.awaitFinished(RawSseServer.MAX_WAIT)).isTrue();
            assertThat(raw.segmentsWritten()).isEqualTo(8);
            assertThat(raw.problems()).isEmpty();
            JsonNode request = GatewayStub.JSON.readTree(raw.requestBody());
            assertThat(request.get("stream").asBoolean()).isTrue();
            assertThat(request.at("/stream_options/include_usage").asBoolean()).isTrue();
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    private static byte[] concat(byte[] first, byte[] second) {
        byte[] both = Arrays.copyOf(first, first.length + second.length);
        System.arraycopy(second, 0, both, first.length, second.length);
        return both;
    }

    // ------------------------------------------------------------------ errors

    static Stream<Arguments> httpErrors() {
        return Stream.of(
                arguments(
                        "429 with Retry-After",
                        aResponse()
                                .withStatus(429)
                                .withHeader("Content-Type", "application/json")
                                .withHeader("Retry-After", "3")
                                .withBody("""
                                        {"error":{"message":"Rate limit reached for gpt-4o-mini on requests per min (RPM): Limit 3, Used 3, Requested 1.","type":"requests","param":null,"code":"rate_limit_exceeded"}}"""),
                        AisaRateLimitException.class),
                arguments(
                        "401",
                        aResponse()
                                .withStatus(401)
                                .withHeader("Content-Type", "application/json")
                                .withBody("""
                                        {"error":{"type":"authentication_error","code":"invalid_api_key","message":"The API key is invalid or has been revoked.","request_id":"req_aisa_401"}}"""),
                        AisaAuthenticationException.class),
                arguments(
                        "402",
                        aResponse()
                                .withStatus(402)
                                .withHeader("Content-Type", "application/json")
                                .withBody("""
                                        {"error":{"type":"billing_error","code":"insufficient_credits","message":"Your AIsa balance is too low for this request.","request_id":"req_aisa_402"}}"""),
                        InsufficientCreditsException.class),
                arguments(
                        "503 No available channels",
                        aResponse()
                                .withStatus(503)
                                .withHeader("Content-Type", "application/json")
                                .withBody("""
                                        {"error":{"message":"No available channels for model x under group default (request id: 20250101000000123456789)","type":"new_api_error","param":"","code":null}}"""),
                        AisaModelNotFoundException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpErrors")
    void http_errors_before_the_stream_reach_onError_typed_exactly_like_the_blocking_model(
            String name, ResponseDefinitionBuilder error, Class<? extends Throwable> expected) throws Exception {
        gateway.respond(error);
        Throwable blocking =
                catchThrowable(() -> gateway.model().maxRetries(0).build().chat("hi"));
        server.resetRequests();

        RecordingStreamingHandler handler = chat(model().maxRetries(0).build());
        Throwable streamed = handler.awaitError();

        assertThat(handler.shape()).containsExactly("error:" + expected.getSimpleName());
        assertThat(streamed).isExactlyInstanceOf(expected).isExactlyInstanceOf(blocking.getClass());
        assertThat(streamed.getMessage()).isEqualTo(blocking.getMessage());
        assertThat(((AisaError) streamed).details()).isEqualTo(((AisaError) blocking).details());
        if (streamed instanceof AisaRateLimitException rateLimit) {
            assertThat(rateLimit.retryAfter()).contains(Duration.ofSeconds(3));
        }
        handler.assertNoMoreCallbacksWithin(QUIET);
        assertThat(gateway.requests()).hasSize(1);
    }

    @Test
    void a_json_error_sent_with_status_200_instead_of_a_stream_reaches_onError_typed_like_the_blocking_model()
            throws Exception {
        // wire-formats.md section 5: proxies answer errors as a plain JSON body with HTTP 200, even to stream:true
        gateway.respond(aResponse()
                .withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withHeader("x-request-id", "req_json_200")
                .withBody("{\"error\":{\"code\":402,\"message\":\"Insufficient credits. Add more using "
                        + "https://openrouter.ai/settings/credits\",\"metadata\":{}}}"));
        Throwable blocking =
                catchThrowable(() -> gateway.model().maxRetries(0).build().chat("hi"));
        server.resetRequests();

        RecordingStreamingHandler handler = chat();
        Throwable streamed = handler.awaitError();

        assertThat(blocking).isExactlyInstanceOf(InsufficientCreditsException.class);
        assertThat(handler.shape()).containsExactly("error:InsufficientCreditsException");
        assertThat(streamed).isExactlyInstanceOf(blocking.getClass()).hasMessageContaining("Insufficient credits");
        assertThat(((AisaError) streamed).requestId()).isEqualTo("req_json_200");
        handler.assertNoMoreCallbacksWithin(QUIET);
        assertThat(gateway.requests()).as("a spent balance is not retried").hasSize(1);
        assertThat(gateway.sleeper.waits).isEmpty();
    }

    static Stream<Arguments> errorsInsideTheStream() {
        return Stream.of(
                arguments(
                        "OpenAI error object instead of choices",
                        "data: {\"error\":{\"message\":\"The server had an error while processing your request.\","
                                + "\"type\":\"server_error\",\"param\":null,\"code\":null}}\n\n",
                        AisaServerException.class,
                        "The server had an error while processing your request."),
                arguments(
                        "event: error",
                        "event: error\ndata: {\"error\":{\"message\":\"Upstream overloaded\",\"type\":\"server_error\","
                                + "\"code\":null}}\n\n",
                        AisaServerException.class,
                        "Upstream overloaded"),
                arguments(
                        "OpenRouter error with finish_reason error",
                        "data: {\"id\":\"cmpl-abc\",\"object\":\"chat.completion.chunk\",\"created\":1234567890,"
                                + "\"model\":\"openai/gpt-4o\",\"provider\":\"openai\",\"error\":{\"code\":\"server_error\","
                                + "\"message\":\"Provider disconnected unexpectedly\"},\"choices\":[{\"index\":0,"
                                + "\"delta\":{\"content\":\"\"},\"finish_reason\":\"error\"}]}\n\n",
                        AisaServerException.class,
                        "Provider disconnected unexpectedly"),
                arguments(
                        "bare finish_reason error without an error object",
                        "data: " + finish("error") + "\n\n",
                        AisaServerException.class,
                        "finish_reason \"error\""),
                arguments(
                        "vLLM object error",
                        "data: {\"object\":\"error\",\"message\":\"top_k must be -1 (disable), or at least 1, got 0.\","
                                + "\"type\":\"BadRequestError\",\"param\":null,\"code\":400}\n\n",
                        AisaInvalidRequestException.class,
                        "top_k must be -1 (disable), or at least 1, got 0."),
                arguments(
                        "error chunk with a 429 code",
                        "data: {\"error\":{\"code\":429,\"message\":\"Provider returned 429: too many requests\"}}\n\n",
                        AisaRateLimitException.class,
                        "Provider returned 429"),
                arguments(
                        "a chunk that is not JSON",
                        "data: <html><body>502 Bad Gateway</body></html>\n\n",
                        AisaServerException.class,
                        "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("errorsInsideTheStream")
    void an_error_inside_a_200_stream_after_text_reaches_onError_and_ends_the_stream(
            String name, String errorEvent, Class<? extends Throwable> expected, String messagePart) throws Exception {
        // whatever follows the error must never be delivered
        stream("data: " + text("Hel") + "\n\n" + errorEvent + events(text("IGNORED"), finish("stop"), DONE));

        RecordingStreamingHandler handler = chat();
        Throwable error = handler.awaitError();

        assertThat(handler.shape()).containsExactly("partial:Hel", "error:" + expected.getSimpleName());
        assertThat(error).isExactlyInstanceOf(expected).hasMessageContaining(messagePart);
        assertThat(((AisaError) error).requestId()).isEqualTo("req_stream_1");
        handler.assertNoMoreCallbacksWithin(QUIET);
        assertThat(handler.completed()).isFalse();
        assertThat(gateway.requests()).hasSize(1);
    }

    @Test
    void a_stream_that_stalls_after_its_first_chunk_ends_in_a_timeout_not_a_hang() throws Exception {
        try (RawSseServer raw =
                RawSseServer.builder().write("data: " + E1 + "\n\n").hang().start()) {
            RecordingStreamingHandler handler = new RecordingStreamingHandler();
            long start = System.nanoTime();

            model(raw.baseUrl()).timeout(Duration.ofMillis(500)).build().chat("hi", handler);
            Throwable error = handler.awaitError();
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);

            assertThat(handler.shape()).containsExactly("partial:Hel", "error:AisaTimeoutException");
            assertThat(error)
                    .isInstanceOf(AisaTimeoutException.class)
                    .isInstanceOf(dev.langchain4j.exception.TimeoutException.class);
            assertThat(elapsed).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(5));
            assertThat(raw.awaitClientClosed(Duration.ofSeconds(5))).isTrue();
            handler.assertNoMoreCallbacksWithin(QUIET);
            assertThat(gateway.sleeper.waits).isEmpty();
        }
    }

    // ------------------------------------------------------------------ cancellation

    @Test
    void cancel_inside_onPartialResponse_stops_every_further_callback_and_closes_the_connection() throws Exception {
        try (RawSseServer raw = RawSseServer.builder()
                // three events in one write: the third is already buffered in the client when it cancels
                .write(events(E1, text("lo"), text(" world")))
                .untilClientCloses()
                .write(events(text("!"), finish("stop"), DONE))
                .start()) {
            RecordingStreamingHandler handler = new RecordingStreamingHandler().onPartial((count, partial, context) -> {
                if (count == 2) {
                    context.streamingHandle().cancel();
                }
            });

            model(raw.baseUrl()).build().chat("hi", handler);

            assertThat(raw.awaitClientClosed(Duration.ofSeconds(5)))
                    .as("the server sees the client hang up")
                    .isTrue();
            handler.awaitCallbacks(2);
            handler.assertNoMoreCallbacksWithin(QUIET);
            assertThat(handler.all()).containsExactly("partial:Hel", "partial:lo");
            assertThat(handler.lastHandle().isCancelled()).isTrue();
            assertThat(raw.segmentsWritten()).isEqualTo(1);
        }
    }

    @Test
    void cancel_from_another_thread_while_the_stream_is_silent_closes_the_connection_at_once() throws Exception {
        try (RawSseServer raw =
                RawSseServer.builder().write("data: " + E1 + "\n\n").hang().start()) {
            RecordingStreamingHandler handler = new RecordingStreamingHandler();
            model(raw.baseUrl()).timeout(Duration.ofSeconds(5)).build().chat("hi", handler);
            handler.awaitCallbacks(1);
            StreamingHandle handle = handler.lastHandle();

            handle.cancel();

            // well before the 5 s idle timeout would close it
            assertThat(raw.awaitClientClosed(Duration.ofSeconds(2))).isTrue();
            handler.assertNoMoreCallbacksWithin(QUIET);
            assertThat(handler.all()).containsExactly("partial:Hel");
            assertThat(handle.isCancelled()).isTrue();
        }
    }

    @Test
    void cancel_before_the_first_byte_delivers_nothing_and_hangs_up() throws Exception {
        // A user only gets a StreamingHandle from a callback, so this drives StreamingCall (the handle) directly.
        CountDownLatch cancelled = new CountDownLatch(1);
        try (RawSseServer raw = RawSseServer.builder()
                .await(cancelled)
                .write(events(E1))
                .untilClientCloses()
                .write(events(E2, E3, DONE))
                .start()) {
            HttpClient http = new AisaHttpClientBuilder(
                            AisaJdkHttpClient.builder(),
                            new SecretRedactor(GatewayStub.API_KEY),
                            Clock.systemUTC(),
                            false,
                            false,
                            LoggerFactory.getLogger(AisaStreamingChatModelTest.class))
                    .connectTimeout(Duration.ofSeconds(5))
                    .readTimeout(Duration.ofSeconds(5))
                    .build();
            HttpRequest request = HttpRequest.builder()
                    .method(HttpMethod.POST)
                    .url(raw.baseUrl(), "chat/completions")
                    .addHeader("Content-Type", "application/json")
                    .body(
                            "{\"model\":\"gpt-4o-mini\",\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}")
                    .build();
            RecordingStreamingHandler handler = new RecordingStreamingHandler();
            StreamingCall call = new StreamingCall(
                    http,
                    request,
                    handler,
                    true,
                    RetryPolicy.defaults(),
                    gateway.sleeper,
                    () -> 0.5,
                    new GatewayErrors(new SecretRedactor(GatewayStub.API_KEY), Clock.systemUTC()));

            call.start();
            assertThat(raw.awaitRequest()).isTrue();
            call.cancel();
            cancelled.countDown();

            assertThat(raw.awaitClientClosed(Duration.ofSeconds(5))).isTrue();
            handler.assertNoMoreCallbacksWithin(QUIET);
            assertThat(handler.all()).isEmpty();
            assertThat(call.isCancelled()).isTrue();
            assertThat(gateway.sleeper.waits).isEmpty();
        }
    }

    // ------------------------------------------------------------------ user code throwing

    @Test
    void an_exception_from_onPartialResponse_reaches_onError_and_the_stream_goes_on() throws Exception {
        stream(HELLO_STREAM);
        RuntimeException boom = new RuntimeException("boom in onPartialResponse");
        RecordingStreamingHandler handler = new RecordingStreamingHandler().onPartial((count, partial, context) -> {
            throw boom;
        });

        model().build().chat("hi", handler);
        ChatResponse response = handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "partial:Hel",
                        "error:RuntimeException:boom in onPartialResponse",
                        "partial:lo",
                        "error:RuntimeException:boom in onPartialResponse",
                        "complete:Hello");
        assertThat(handler.errors()).containsExactly(boom, boom);
        assertThat(response.aiMessage().text()).isEqualTo("Hello");
    }

    @Test
    void an_exception_from_onCompleteResponse_reaches_onError() throws Exception {
        stream(HELLO_STREAM);
        RuntimeException boom = new RuntimeException("boom in onCompleteResponse");
        RecordingStreamingHandler handler = new RecordingStreamingHandler().onComplete(() -> {
            throw boom;
        });

        model().build().chat("hi", handler);
        handler.awaitCallbacks(4);
        handler.assertNoMoreCallbacksWithin(QUIET);

        assertThat(handler.callbacks())
                .containsExactly(
                        "partial:Hel",
                        "partial:lo",
                        "complete:Hello",
                        "error:RuntimeException:boom in onCompleteResponse");
        assertThat(handler.errors()).containsExactly(boom);
    }

    // ------------------------------------------------------------------ threads

    @Test
    void a_connection_failure_is_reported_and_retried_on_the_dedicated_transport_thread() throws Exception {
        // AisaJdkHttpClient: "Stream callbacks run here" (aisa-http-N). A retry waits (Thread.sleep by default)
        // on the thread that reports the failure, so that must not be a JDK or common-pool thread either.
        gateway.respond(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));
        List<String> waitThreads = new CopyOnWriteArrayList<>();
        RecordingStreamingHandler handler = new RecordingStreamingHandler();

        model().sleeper(wait -> waitThreads.add(Thread.currentThread().getName()))
                .build()
                .chat("hi", handler);
        handler.awaitError();

        assertThat(handler.shape()).containsExactly("error:AisaConnectionException");
        assertThat(gateway.requests()).hasSize(3);
        assertThat(waitThreads).hasSize(2);
        assertThat(waitThreads).allSatisfy(name -> assertThat(name).startsWith("aisa-http-"));
        assertThat(handler.threadNames())
                .allSatisfy(name -> assertThat(name)
                        .startsWith("aisa-http-")
                        .isNotEqualTo(Thread.currentThread().getName()));
    }

    @Test
    void every_callback_of_a_stream_arrives_on_one_transport_thread_that_is_not_the_callers() throws Exception {
        stream(events(
                chunk("{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"Hmm.\"}", null),
                text("Checking."),
                tools(call(0, "call_a", "get_weather", "{\"city\":")),
                tools(args(0, "\"Paris\"}")),
                finish("tool_calls"),
                DONE));

        RecordingStreamingHandler handler = chat(model().returnThinking(true).build());
        handler.awaitComplete();

        assertThat(handler.callbacks())
                .containsExactly(
                        "thinking:Hmm.",
                        "partial:Checking.",
                        "partialTool:0:call_a:get_weather:{\"city\":",
                        "partialTool:0:call_a:get_weather:\"Paris\"}",
                        "completeTool:0:call_a:get_weather:{\"city\":\"Paris\"}",
                        "complete:Checking.");
        assertThat(handler.distinctThreadNames()).hasSize(1);
        String thread = handler.threadNames().get(0);
        assertThat(thread)
                .startsWith("aisa-http-")
                .isNotEqualTo(Thread.currentThread().getName());
    }

    // ------------------------------------------------------------------ retries

    private static final String GOOD = events(text("Good"), text(" answer"), finish("stop"), DONE);

    /** The stub answers {@code first} once, then {@code then} for ever. */
    private void firstThen(ResponseDefinitionBuilder first, ResponseDefinitionBuilder then) {
        server.stubFor(post(urlEqualTo(GatewayStub.CHAT_PATH))
                .inScenario("retry")
                .whenScenarioStateIs(STARTED)
                .willReturn(first)
                .willSetStateTo("failed once"));
        server.stubFor(post(urlEqualTo(GatewayStub.CHAT_PATH))
                .inScenario("retry")
                .whenScenarioStateIs("failed once")
                .willReturn(then));
    }

    private void assertGoodStreamOnly(RecordingStreamingHandler handler) throws InterruptedException {
        ChatResponse response = handler.awaitComplete();
        assertThat(handler.all())
                .containsExactly("partial:Good", "partial: answer", "unmapped", "complete:Good answer");
        assertThat(response.aiMessage().text()).isEqualTo("Good answer");
    }

    @Test
    void a_503_before_the_stream_is_retried_after_a_backoff() throws Exception {
        firstThen(
                aResponse()
                        .withStatus(503)
                        .withBody("{\"error\":{\"message\":\"Server overloaded\",\"type\":\"server_error\"}}"),
                sse(GOOD));

        RecordingStreamingHandler handler = chat();

        assertGoodStreamOnly(handler);
        assertThat(gateway.requests()).hasSize(2);
        assertThat(gateway.sleeper.waits).hasSize(1);
        assertThat(gateway.sleeper.waits.get(0)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1250));
    }

    @Test
    void a_connection_reset_before_the_stream_is_retried() throws Exception {
        firstThen(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER), sse(GOOD));

        RecordingStreamingHandler handler = chat();

        assertGoodStreamOnly(handler);
        assertThat(gateway.requests()).hasSize(2);
        assertThat(gateway.sleeper.waits).hasSize(1);
    }

    @Test
    void a_429_with_retry_after_waits_exactly_that_long() throws Exception {
        firstThen(
                aResponse()
                        .withStatus(429)
                        .withHeader("Retry-After", "2")
                        .withBody("{\"error\":{\"message\":\"Rate limit reached\",\"type\":\"requests\","
                                + "\"code\":\"rate_limit_exceeded\"}}"),
                sse(GOOD));

        RecordingStreamingHandler handler = chat();

        assertGoodStreamOnly(handler);
        assertThat(gateway.sleeper.waits).containsExactly(Duration.ofSeconds(2));
        assertThat(gateway.requests()).hasSize(2);
    }

    @Test
    void an_error_inside_the_stream_before_anything_was_delivered_is_retried() throws Exception {
        firstThen(
                sse(events(
                        chunk("{\"role\":\"assistant\",\"content\":\"\"}", null),
                        "{\"error\":{\"message\":\"Upstream overloaded\",\"type\":\"server_error\",\"code\":null}}")),
                sse(GOOD));

        RecordingStreamingHandler handler = chat();

        ChatResponse response = handler.awaitComplete();
        // the failed attempt's role-only chunk was unmapped before the error: that is not user-visible content
        assertThat(handler.callbacks()).containsExactly("partial:Good", "partial: answer", "complete:Good answer");
        assertThat(response.aiMessage().text()).isEqualTo("Good answer");
        assertThat(gateway.requests()).hasSize(2);
        assertThat(gateway.sleeper.waits).hasSize(1);
    }

    @Test
    void an_empty_200_stream_is_retried() throws Exception {
        firstThen(sse(""), sse(GOOD));

        RecordingStreamingHandler handler = chat();

        assertGoodStreamOnly(handler);
        assertThat(gateway.requests()).hasSize(2);
        assertThat(gateway.sleeper.waits).hasSize(1);
    }

    @Test
    void an_error_inside_the_stream_after_the_first_partial_is_not_retried() throws Exception {
        firstThen(
                sse(events(
                        text("Hel"),
                        "{\"error\":{\"message\":\"Upstream overloaded\",\"type\":\"server_error\",\"code\":null}}")),
                sse(GOOD));

        RecordingStreamingHandler handler = chat();
        Throwable error = handler.awaitError();

        assertThat(handler.shape()).containsExactly("partial:Hel", "error:AisaServerException");
        assertThat(error).isInstanceOf(RetriableException.class);
        handler.assertNoMoreCallbacksWithin(QUIET);
        assertThat(gateway.requests()).hasSize(1);
        assertThat(gateway.sleeper.waits).isEmpty();
    }

    @Test
    void a_400_is_not_retried() throws Exception {
        firstThen(
                aResponse()
                        .withStatus(400)
                        .withBody(
                                "{\"error\":{\"message\":\"Unsupported parameter: 'logit_bias'\","
                                        + "\"type\":\"invalid_request_error\",\"param\":\"logit_bias\",\"code\":\"unsupported_parameter\"}}"),
                sse(GOOD));

        RecordingStreamingHandler handler = chat();
        Throwable error = handler.awaitError();

        assertThat(handler.shape()).containsExactly("error:AisaInvalidRequestException");
        assertThat(error).isInstanceOf(NonRetriableException.class);
        handler.assertNoMoreCallbacksWithin(QUIET);
        assertThat(gateway.requests()).hasSize(1);
        assertThat(gateway.sleeper.waits).isEmpty();
    }

    @Test
    void max_retries_zero_does_not_retry() throws Exception {
        firstThen(
                aResponse()
                        .withStatus(503)
                        .withBody("{\"error\":{\"message\":\"Server overloaded\",\"type\":\"server_error\"}}"),
                sse(GOOD));

        RecordingStreamingHandler handler = chat(model().maxRetries(0).build());
        Throwable error = handler.awaitError();

        assertThat(handler.shape()).containsExactly("error:AisaServerException");
        assertThat(error).isInstanceOf(RetriableException.class).hasMessageContaining("Server overloaded");
        handler.assertNoMoreCallbacksWithin(QUIET);
        assertThat(gateway.requests()).hasSize(1);
        assertThat(gateway.sleeper.waits).isEmpty();
    }

    // ------------------------------------------------------------------ AI Services

    interface StreamingAssistant {
        TokenStream chat(String message);
    }

    static class WeatherTool {
        final List<String> cities = new CopyOnWriteArrayList<>();

        @Tool("Returns the weather in a city")
        String getWeather(@P("the city") String city) {
            cities.add(city);
            return "sunny in " + city;
        }
    }

    @Test
    void a_streaming_ai_service_runs_a_streamed_tool_call_once_then_streams_the_answer() throws Exception {
        server.stubFor(post(urlEqualTo(GatewayStub.CHAT_PATH))
                .inScenario("tools")
                .whenScenarioStateIs(STARTED)
                .willReturn(sse(events(
                        tools(call(0, "call_w1", "getWeather", "")),
                        tools(args(0, "{\"city\":")),
                        tools(args(0, "\"Paris\"}")),
                        finish("tool_calls"),
                        DONE)))
                .willSetStateTo("tool called"));
        server.stubFor(post(urlEqualTo(GatewayStub.CHAT_PATH))
                .inScenario("tools")
                .whenScenarioStateIs("tool called")
                .willReturn(sse(events(text("It is "), text("sunny in Paris."), finish("stop"), DONE))));
        WeatherTool weather = new WeatherTool();
        StreamingAssistant assistant = AiServices.builder(StreamingAssistant.class)
                .streamingChatModel(model().build())
                .tools(weather)
                .build();
        List<String> partials = new CopyOnWriteArrayList<>();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        AtomicInteger completions = new AtomicInteger();

        assistant
                .chat("What is the weather in Paris?")
                .onPartialResponse(partials::add)
                .onCompleteResponse(response -> {
                    completions.incrementAndGet();
                    done.complete(response);
                })
                .onError(error -> {
                    failure.set(error);
                    done.completeExceptionally(error);
                })
                .start();
        ChatResponse response = done.get(RecordingStreamingHandler.TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);

        assertThat(failure.get()).isNull();
        assertThat(weather.cities).containsExactly("Paris");
        assertThat(partials).containsExactly("It is ", "sunny in Paris.");
        assertThat(response.aiMessage().text()).isEqualTo("It is sunny in Paris.");
        assertThat(completions).hasValue(1);
        List<JsonNode> requests = gateway.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).at("/tools/0/function/name").asText()).isEqualTo("getWeather");
        JsonNode messages = requests.get(1).get("messages");
        List<String> roles = new ArrayList<>();
        messages.forEach(message -> roles.add(message.get("role").asText()));
        assertThat(roles).containsExactly("user", "assistant", "tool");
        assertThat(messages.at("/1/tool_calls/0/id").asText()).isEqualTo("call_w1");
        assertThat(messages.at("/1/tool_calls/0/function/name").asText()).isEqualTo("getWeather");
        assertThat(GatewayStub.JSON.readTree(
                        messages.at("/1/tool_calls/0/function/arguments").asText()))
                .isEqualTo(GatewayStub.JSON.readTree("{\"city\":\"Paris\"}"));
        assertThat(messages.at("/2/tool_call_id").asText()).isEqualTo("call_w1");
        assertThat(messages.at("/2/content").asText()).isEqualTo("sunny in Paris");
    }
}

package one.aisa.langchain4j.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static one.aisa.langchain4j.RouteTrace.Outcome.ANSWERED;
import static one.aisa.langchain4j.RouteTrace.Outcome.FAILED;
import static one.aisa.langchain4j.RouteTrace.Outcome.SKIPPED_CIRCUIT_OPEN;
import static one.aisa.langchain4j.routing.RoutingStubs.modelNotFound;
import static one.aisa.langchain4j.routing.RoutingStubs.rateLimited;
import static one.aisa.langchain4j.routing.RoutingStubs.serverError;
import static one.aisa.langchain4j.routing.RoutingStubs.traceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.output.FinishReason;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;
import java.util.stream.Stream;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.RetryPolicy;
import one.aisa.langchain4j.RouteTrace;
import one.aisa.langchain4j.RouteTrace.Attempt;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import one.aisa.langchain4j.exception.AisaRateLimitException;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.internal.AisaJdkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@link RoutingStreamingChatModel} over real {@link AisaStreamingChatModel}s streaming SSE from a local gateway
 * stub: models switch only before the first partial reached the caller, every callback and its context is
 * forwarded exactly once, cancelling and failing callbacks behave as LangChain4j specifies.
 */
class RoutingStreamingChatModelTest {

    @RegisterExtension
    static WireMockExtension server = RoutingStubs.newServer();

    private static final RetryPolicy EXACT = RetryPolicy.builder()
            .maxRetries(2)
            .initialBackoff(Duration.ofSeconds(1))
            .multiplier(2.0)
            .jitter(0)
            .build();

    private final RoutingStubs stubs = new RoutingStubs(server);
    private final TestClock clock = new TestClock();
    /** Tells when the transport has delivered everything of an HTTP exchange (after its last callback). */
    private final ObservedTransport transport = new ObservedTransport();

    private AisaStreamingChatModel model(String name) {
        return stubs.streamingModel(name).httpClientBuilder(transport).build();
    }

    private RoutingStreamingChatModel.RoutingStreamingChatModelBuilder router(StreamingChatModel... models) {
        return RoutingStreamingChatModel.builder().models(models).clock(clock).sleeper(stubs.routerSleeper);
    }

    private RoutingStreamingChatModel primaryAndBackup() {
        return router(model("primary"), model("backup")).build();
    }

    // ---------------------------------------------------------------- SSE bodies

    static ResponseDefinitionBuilder sse(String body) {
        return aResponse().withHeader("Content-Type", "text/event-stream").withBody(body);
    }

    static String chunk(String model, String delta, String finishReason) {
        return "data: {\"id\":\"chatcmpl-" + model
                + "\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\""
                + model + "\",\"choices\":[{\"index\":0,\"delta\":" + delta + ",\"finish_reason\":"
                + (finishReason == null ? "null" : "\"" + finishReason + "\"") + "}]}\n\n";
    }

    static String usage(String model) {
        return "data: {\"id\":\"chatcmpl-" + model
                + "\",\"object\":\"chat.completion.chunk\",\"created\":1,\"model\":\""
                + model + "\",\"choices\":[],\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,"
                + "\"total_tokens\":5,\"cost\":0.0001}}\n\n";
    }

    static final String DONE = "data: [DONE]\n\n";

    static String errorEvent(String message) {
        return "data: {\"error\":{\"message\":\"" + message
                + "\",\"type\":\"server_error\",\"code\":\"server_error\"}}\n\n";
    }

    /** A complete text stream: an opening role chunk, one chunk per token (the last one finishing), usage, [DONE]. */
    static String textStream(String model, String... tokens) {
        StringBuilder body = new StringBuilder(chunk(model, "{\"role\":\"assistant\",\"content\":\"\"}", null));
        for (int i = 0; i < tokens.length; i++) {
            body.append(chunk(
                    model,
                    "{\"content\":" + RoutingStubs.quote(tokens[i]) + "}",
                    i == tokens.length - 1 ? "stop" : null));
        }
        return body.append(usage(model)).append(DONE).toString();
    }

    // ---------------------------------------------------------------- failing before the first partial

    static Stream<Arguments> failuresBeforeTheFirstPartial() {
        return Stream.of(
                Arguments.of("503 before the stream", serverError(503), AisaServerException.class),
                Arguments.of("404 unknown model", modelNotFound(), AisaModelNotFoundException.class),
                Arguments.of("429 with Retry-After", rateLimited("Retry-After", "3"), AisaRateLimitException.class),
                Arguments.of(
                        "an error event first",
                        sse(errorEvent("upstream overloaded") + DONE),
                        AisaServerException.class),
                Arguments.of(
                        "an error event after the role chunk",
                        sse(chunk("primary", "{\"role\":\"assistant\",\"content\":\"\"}", null)
                                + errorEvent("upstream overloaded")),
                        AisaServerException.class),
                Arguments.of(
                        "a stream cut before any token",
                        sse(chunk("primary", "{\"role\":\"assistant\",\"content\":\"\"}", null)),
                        AisaConnectionException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresBeforeTheFirstPartial")
    void a_failure_before_the_first_partial_falls_back_and_only_the_fallbacks_tokens_arrive(
            String name, ResponseDefinitionBuilder failure, Class<?> expected) throws Exception {
        stubs.responds("primary", failure);
        stubs.responds("backup", sse(textStream("backup", "Hi", " there", "!")));
        RoutingStreamingChatModel router = primaryAndBackup();
        Recorder recorder = new Recorder();

        router.chat("hi", recorder);
        ChatResponse response = recorder.awaitResponse();

        assertThat(recorder.texts).containsExactly("Hi", " there", "!");
        assertThat(response.aiMessage().text()).isEqualTo("Hi there!");
        assertThat(recorder.errors).isEmpty();
        RouteTrace trace = ((AisaChatResponseMetadata) response.metadata()).route();
        assertThat(trace.answeredBy()).isEqualTo("backup");
        assertThat(trace.fellBack()).isTrue();
        assertThat(trace.attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("primary", FAILED), tuple("backup", ANSWERED));
        assertThat(trace.attempts().get(0).error()).startsWith(expected.getSimpleName() + ": ");
        assertThat(((AisaChatResponseMetadata) response.metadata()).modelName()).isEqualTo("backup");
        assertThat(stubs.requests("primary")).isEqualTo(1);
        assertThat(stubs.requests("backup")).isEqualTo(1);
        assertThat(stubs.routerSleeper.waits).as("moved on at once").isEmpty();
        assertThat(stubs.modelSleeper.waits).isEmpty();
        transport.awaitEnded(2);
        assertThat(recorder.events).as("nothing after the end").last().isEqualTo("complete");
        assertThat(recorder.events.stream().filter("complete"::equals)).hasSize(1);
    }

    @Test
    void an_unknown_exception_from_a_streaming_model_moves_on_before_the_first_partial() throws Exception {
        stubs.responds("backup", sse(textStream("backup", "Hi")));
        StreamingChatModel broken = new StreamingChatModel() {
            @Override
            public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
                handler.onError(new NullPointerException("Cannot invoke \"AssistantMessage.refusal()\""));
            }
        };
        RoutingStreamingChatModel router = router(broken, model("backup")).build();
        Recorder recorder = new Recorder();

        router.chat("hi", recorder);
        ChatResponse response = recorder.awaitResponse();

        assertThat(response.aiMessage().text()).isEqualTo("Hi");
        RouteTrace trace = ((AisaChatResponseMetadata) response.metadata()).route();
        assertThat(trace.attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("route-1", FAILED), tuple("backup", ANSWERED));
        assertThat(trace.attempts().get(0).error()).startsWith("NullPointerException: ");
        assertThat(recorder.errors).isEmpty();
    }

    // ---------------------------------------------------------------- failing after the first partial

    static Stream<Arguments> failuresAfterTheFirstPartial() {
        return Stream.of(
                Arguments.of("an error event", errorEvent("upstream connection lost"), AisaServerException.class),
                Arguments.of("the stream cut off", "", AisaConnectionException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("failuresAfterTheFirstPartial")
    void a_failure_after_the_first_partial_is_surfaced_without_falling_back(
            String name, String ending, Class<?> expected) throws Exception {
        stubs.responds(
                "primary",
                sse(chunk("primary", "{\"role\":\"assistant\",\"content\":\"\"}", null)
                        + chunk("primary", "{\"content\":\"Hel\"}", null)
                        + ending));
        stubs.responds("backup", sse(textStream("backup", "Hello")));
        RoutingStreamingChatModel router = primaryAndBackup();
        Recorder recorder = new Recorder();

        router.chat("hi", recorder);
        Throwable error = recorder.awaitError();
        transport.awaitEnded(1);

        assertThat(error).isInstanceOf(expected).isInstanceOf(AisaError.class);
        assertThat(recorder.texts).as("the partial text, once").containsExactly("Hel");
        assertThat(recorder.events).containsExactly("text:Hel", "error:" + expected.getSimpleName());
        assertThat(recorder.completed).isNotDone();
        assertThat(stubs.requests("backup"))
                .as("no second model after text reached the caller")
                .isZero();
        assertThat(stubs.requests("primary")).isEqualTo(1);
        assertThat(stubs.routerSleeper.waits).isEmpty();
        assertThat(health(router, "primary").calls())
                .as("counted by the breaker")
                .isEqualTo(1);
    }

    // ---------------------------------------------------------------- forwarding

    @Test
    void thinking_and_text_are_forwarded_with_their_contexts() throws Exception {
        stubs.responds("primary", serverError(503));
        stubs.responds(
                "backup",
                sse(chunk("backup", "{\"role\":\"assistant\",\"content\":null,\"reasoning_content\":\"Let me\"}", null)
                        + chunk("backup", "{\"reasoning_content\":\" think\"}", null)
                        + chunk("backup", "{\"content\":\"42\"}", "stop")
                        + usage("backup")
                        + DONE));
        RoutingStreamingChatModel router = router(
                        model("primary"),
                        stubs.streamingModel("backup")
                                .httpClientBuilder(transport)
                                .returnThinking(true)
                                .build())
                .build();
        Recorder recorder = new Recorder();

        router.chat("What is the answer?", recorder);
        ChatResponse response = recorder.awaitResponse();

        assertThat(recorder.events).containsExactly("thinking:Let me", "thinking: think", "text:42", "complete");
        assertThat(recorder.thinkingContexts)
                .hasSize(2)
                .allSatisfy(context -> assertThat(context.streamingHandle()).isNotNull());
        assertThat(recorder.textContexts)
                .singleElement()
                .satisfies(context -> assertThat(context.streamingHandle()).isNotNull());
        assertThat(response.aiMessage().thinking()).isEqualTo("Let me think");
        assertThat(response.aiMessage().text()).isEqualTo("42");
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(5);
        assertThat(traceOf(response).answeredBy()).isEqualTo("backup");
    }

    @Test
    void tool_calls_are_forwarded_partial_and_complete() throws Exception {
        stubs.responds("primary", sse(errorEvent("upstream overloaded")));
        stubs.responds(
                "backup",
                sse(chunk("backup", """
                                {"role":"assistant","content":null,"tool_calls":[{"index":0,"id":"call_1","type":"function",\
                                "function":{"name":"get_weather","arguments":""}}]}""", null)
                        + chunk("backup", """
                                {"tool_calls":[{"index":0,"function":{"arguments":"{\\"city\\":"}}]}""", null)
                        + chunk("backup", """
                                {"tool_calls":[{"index":0,"function":{"arguments":"\\"Berlin\\"}"}}]}""", null)
                        + chunk("backup", "{}", "tool_calls")
                        + usage("backup")
                        + DONE));
        RoutingStreamingChatModel router = primaryAndBackup();
        Recorder recorder = new Recorder();

        router.chat("Weather in Berlin?", recorder);
        ChatResponse response = recorder.awaitResponse();

        assertThat(recorder.partialToolCalls)
                .extracting(
                        PartialToolCall::index,
                        PartialToolCall::id,
                        PartialToolCall::name,
                        PartialToolCall::partialArguments)
                .containsExactly(
                        tuple(0, "call_1", "get_weather", "{\"city\":"),
                        tuple(0, "call_1", "get_weather", "\"Berlin\"}"));
        assertThat(recorder.toolCallContexts)
                .hasSize(2)
                .allSatisfy(context -> assertThat(context.streamingHandle()).isNotNull());
        assertThat(recorder.completeToolCalls).singleElement().satisfies(complete -> {
            assertThat(complete.index()).isZero();
            assertThat(complete.toolExecutionRequest())
                    .isEqualTo(ToolExecutionRequest.builder()
                            .id("call_1")
                            .name("get_weather")
                            .arguments("{\"city\":\"Berlin\"}")
                            .build());
        });
        assertThat(response.aiMessage().toolExecutionRequests())
                .containsExactly(recorder.completeToolCalls.get(0).toolExecutionRequest());
        assertThat(response.finishReason()).isEqualTo(FinishReason.TOOL_EXECUTION);
        assertThat(recorder.events.get(recorder.events.size() - 1)).isEqualTo("complete");
        assertThat(recorder.errors).isEmpty();
        assertThat(traceOf(response).answeredBy()).isEqualTo("backup");
    }

    @Test
    void cancelling_from_on_partial_response_stops_the_model_that_streams() throws Exception {
        stubs.responds("primary", sse(textStream("primary", "A", "B", "C")));
        stubs.responds("backup", sse(textStream("backup", "X")));
        RoutingStreamingChatModel router = primaryAndBackup();
        Recorder recorder = new Recorder();
        recorder.onText = (partial, context) -> context.streamingHandle().cancel();

        router.chat("hi", recorder);
        transport.awaitEnded(1);

        assertThat(recorder.events).as("no callback after cancel()").containsExactly("text:A");
        assertThat(recorder.textContexts.get(0).streamingHandle().isCancelled()).isTrue();
        assertThat(stubs.requests("backup")).isZero();
    }

    @Test
    void a_cancelled_probe_does_not_leave_the_model_skipped_for_good() throws Exception {
        stubs.respondsInTurn(
                "primary",
                serverError(503),
                serverError(503),
                serverError(503),
                sse(textStream("primary", "A", "B", "C")));
        stubs.responds("backup", sse(textStream("backup", "X")));
        RoutingStreamingChatModel router = primaryAndBackup();
        for (int i = 0; i < 3; i++) {
            Recorder failing = new Recorder();
            router.chat("hi", failing);
            failing.awaitResponse();
        }
        assertThat(health(router, "primary").state()).isEqualTo("OPEN");
        clock.advance(Duration.ofSeconds(31));
        Recorder cancelling = new Recorder();
        cancelling.onText = (partial, context) -> context.streamingHandle().cancel();
        router.chat("hi", cancelling);
        transport.awaitEnded(3 * 2 + 1);
        assertThat(cancelling.events).containsExactly("text:A");
        assertThat(stubs.requests("primary")).as("the probe was sent").isEqualTo(4);

        clock.advance(Duration.ofMinutes(10));
        Recorder later = new Recorder();
        router.chat("hi", later);
        ChatResponse response = later.awaitResponse();

        assertThat(traceOf(response).attempts().get(0).outcome())
                .as("the primary is asked again, not skipped forever behind a probe that never reported back "
                        + "(health: " + router.health() + ")")
                .isNotEqualTo(SKIPPED_CIRCUIT_OPEN);
        assertThat(stubs.requests("primary")).isEqualTo(5);
    }

    @Test
    void an_exception_thrown_by_on_partial_response_goes_to_on_error_and_the_stream_goes_on() throws Exception {
        stubs.responds("primary", sse(textStream("primary", "A", "B", "C")));
        stubs.responds("backup", sse(textStream("backup", "X")));
        RoutingStreamingChatModel router = primaryAndBackup();
        Recorder recorder = new Recorder();
        IllegalStateException boom = new IllegalStateException("boom in the caller's callback");
        recorder.onText = (partial, context) -> {
            if (partial.text().equals("A")) {
                throw boom;
            }
        };

        router.chat("hi", recorder);
        // onError comes first here (the caller's exception), so wait for the answer itself
        ChatResponse response = recorder.completed.get(10, TimeUnit.SECONDS);

        assertThat(recorder.errors).containsExactly(boom);
        assertThat(recorder.events)
                .containsExactly("text:A", "error:IllegalStateException", "text:B", "text:C", "complete");
        assertThat(response.aiMessage().text()).isEqualTo("ABC");
        assertThat(traceOf(response).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("primary", ANSWERED));
        assertThat(stubs.requests("backup"))
                .as("the caller's bug is not a model failure")
                .isZero();
        Float failureRate = health(router, "primary").failureRate();
        assertThat(failureRate == null || failureRate < 100f)
                .as("no failure counted")
                .isTrue();
    }

    // ---------------------------------------------------------------- nothing left

    @Test
    void when_every_circuit_is_open_on_error_gets_no_route_available() throws Exception {
        stubs.responds("primary", modelNotFound());
        stubs.responds("backup", modelNotFound());
        RoutingStreamingChatModel router = primaryAndBackup();
        Recorder first = new Recorder();
        router.chat("hi", first);
        Throwable firstError = first.awaitError();
        assertThat(firstError).isInstanceOf(AisaModelNotFoundException.class);
        assertThat(firstError.getSuppressed()).singleElement().isInstanceOf(AisaModelNotFoundException.class);

        Recorder recorder = new Recorder();
        router.chat("hi", recorder);
        Throwable error = recorder.awaitError();

        assertThat(error).isInstanceOf(NoRouteAvailableException.class);
        assertThat(((NoRouteAvailableException) error).trace().attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("primary", SKIPPED_CIRCUIT_OPEN), tuple("backup", SKIPPED_CIRCUIT_OPEN));
        assertThat(recorder.events).containsExactly("error:NoRouteAvailableException");
        assertThat(stubs.requests("primary")).isEqualTo(1);
        assertThat(stubs.requests("backup")).isEqualTo(1);
    }

    @Test
    void when_every_model_fails_on_error_gets_the_last_failure_with_the_earlier_ones_suppressed() throws Exception {
        stubs.responds("primary", serverError(500));
        stubs.responds("backup", serverError(502));
        RoutingStreamingChatModel router = router(model("primary"), model("backup"))
                .retryPolicy(RetryPolicy.none())
                .build();
        Recorder recorder = new Recorder();

        router.chat("hi", recorder);
        Throwable error = recorder.awaitError();

        assertThat(((AisaError) error).statusCode()).isEqualTo(502);
        assertThat(error.getSuppressed())
                .singleElement()
                .satisfies(earlier ->
                        assertThat(((AisaError) earlier).statusCode()).isEqualTo(500));
        assertThat(stubs.requests("primary"))
                .as("the model's own 2 retries are off")
                .isEqualTo(1);
        assertThat(stubs.requests("backup")).isEqualTo(1);
        assertThat(stubs.modelSleeper.waits).isEmpty();
    }

    // ---------------------------------------------------------------- retries of the last model

    @Test
    void a_rate_limit_on_the_last_streaming_model_is_retried_after_retry_after() throws Exception {
        stubs.responds("primary", serverError(503));
        stubs.respondsInTurn("last", rateLimited("Retry-After", "2"), sse(textStream("last", "o", "k")));
        RoutingStreamingChatModel router =
                router(model("primary"), model("last")).build();
        Recorder recorder = new Recorder();

        router.chat("hi", recorder);
        ChatResponse response = recorder.awaitResponse();

        assertThat(recorder.texts).containsExactly("o", "k");
        assertThat(response.aiMessage().text()).isEqualTo("ok");
        assertThat(stubs.routerSleeper.waits).containsExactly(Duration.ofSeconds(2));
        assertThat(stubs.modelSleeper.waits).isEmpty();
        assertThat(stubs.requests("last")).isEqualTo(2);
        assertThat(traceOf(response).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("primary", FAILED), tuple("last", FAILED), tuple("last", ANSWERED));
    }

    @Test
    void a_transient_failure_of_the_only_streaming_model_is_retried_with_backoff() throws Exception {
        stubs.respondsInTurn("only", serverError(502), serverError(504), sse(textStream("only", "fine")));
        RoutingStreamingChatModel router =
                router(model("only")).retryPolicy(EXACT).build();
        Recorder recorder = new Recorder();

        router.chat("hi", recorder);
        ChatResponse response = recorder.awaitResponse();

        assertThat(recorder.texts).containsExactly("fine");
        assertThat(response.aiMessage().text()).isEqualTo("fine");
        assertThat(stubs.routerSleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(stubs.requests("only")).isEqualTo(3);
    }

    @Test
    void without_fallback_only_the_first_streaming_model_is_asked() throws Exception {
        stubs.responds("primary", serverError(503));
        stubs.responds("backup", sse(textStream("backup", "X")));
        RoutingStreamingChatModel router =
                router(model("primary"), model("backup")).retryPolicy(EXACT).build();
        Recorder recorder = new Recorder();

        router.withoutFallback().chat("hi", recorder);
        Throwable error = recorder.awaitError();

        assertThat(error).isInstanceOf(AisaServerException.class);
        assertThat(stubs.requests("primary")).isEqualTo(3);
        assertThat(stubs.requests("backup")).isZero();
        assertThat(stubs.routerSleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void a_request_level_model_name_does_not_reach_the_streaming_models() throws Exception {
        stubs.responds("primary", serverError(500));
        stubs.responds("backup", sse(textStream("backup", "X")));
        RoutingStreamingChatModel router = primaryAndBackup();
        Recorder recorder = new Recorder();

        router.chat(
                ChatRequest.builder()
                        .messages(UserMessage.from("hi"))
                        .modelName("gpt-5")
                        .build(),
                recorder);
        recorder.awaitResponse();

        assertThat(stubs.requestBodies())
                .extracting(body -> body.get("model").asText())
                .containsExactly("primary", "backup");
    }

    @Test
    void build_fails_without_models_and_capabilities_are_the_intersection() {
        assertThatThrownBy(() -> RoutingStreamingChatModel.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one model");
        assertThat(RoutingStreamingChatModel.builder()
                        .models(model("gpt-4o-mini"), model("claude-sonnet-4-5"))
                        .build()
                        .supportedCapabilities())
                .isEmpty();
        assertThat(RoutingStreamingChatModel.builder()
                        .models(model("gpt-4o-mini"), model("gpt-4.1"))
                        .build()
                        .supportedCapabilities())
                .containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
    }

    private static RouteHealth health(RoutingStreamingChatModel router, String model) {
        return router.health().stream()
                .filter(health -> health.model().equals(model))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no health entry for " + model + ": " + router.health()));
    }

    /** Records every callback, in order, with the contexts that came with them. */
    static final class Recorder implements StreamingChatResponseHandler {

        final List<String> events = new CopyOnWriteArrayList<>();
        final List<String> texts = new CopyOnWriteArrayList<>();
        final List<PartialResponseContext> textContexts = new CopyOnWriteArrayList<>();
        final List<PartialThinkingContext> thinkingContexts = new CopyOnWriteArrayList<>();
        final List<PartialToolCall> partialToolCalls = new CopyOnWriteArrayList<>();
        final List<PartialToolCallContext> toolCallContexts = new CopyOnWriteArrayList<>();
        final List<CompleteToolCall> completeToolCalls = new CopyOnWriteArrayList<>();
        final List<Throwable> errors = new CopyOnWriteArrayList<>();
        final CompletableFuture<ChatResponse> completed = new CompletableFuture<>();
        final CompletableFuture<Throwable> failed = new CompletableFuture<>();
        volatile BiConsumer<PartialResponse, PartialResponseContext> onText = (partial, context) -> {};

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            events.add("text:" + partialResponse.text());
            texts.add(partialResponse.text());
            textContexts.add(context);
            onText.accept(partialResponse, context);
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            events.add("thinking:" + partialThinking.text());
            thinkingContexts.add(context);
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            events.add("partialToolCall:" + partialToolCall.partialArguments());
            partialToolCalls.add(partialToolCall);
            toolCallContexts.add(context);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            events.add("completeToolCall:"
                    + completeToolCall.toolExecutionRequest().name());
            completeToolCalls.add(completeToolCall);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            events.add("complete");
            completed.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            events.add("error:" + error.getClass().getSimpleName());
            errors.add(error);
            failed.complete(error);
        }

        ChatResponse awaitResponse() throws Exception {
            CompletableFuture.anyOf(completed, failed).get(10, TimeUnit.SECONDS);
            if (!completed.isDone()) {
                throw new AssertionError("expected an answer, got onError", failed.get());
            }
            return completed.get();
        }

        Throwable awaitError() throws Exception {
            CompletableFuture.anyOf(completed, failed).get(10, TimeUnit.SECONDS);
            if (!failed.isDone()) {
                throw new AssertionError("expected onError, got an answer: " + completed.get());
            }
            return failed.get();
        }
    }

    /**
     * The default transport, observed: counts HTTP exchanges whose last callback (close or error) has returned, so a
     * test can tell "nothing more will come" without sleeping.
     */
    static final class ObservedTransport implements HttpClientBuilder {

        private final HttpClientBuilder delegate = AisaJdkHttpClient.builder();
        private final Semaphore ended = new Semaphore(0);

        void awaitEnded(int exchanges) throws InterruptedException {
            assertThat(ended.tryAcquire(exchanges, 10, TimeUnit.SECONDS))
                    .as("%d HTTP exchanges ended", exchanges)
                    .isTrue();
        }

        @Override
        public Duration connectTimeout() {
            return delegate.connectTimeout();
        }

        @Override
        public HttpClientBuilder connectTimeout(Duration timeout) {
            delegate.connectTimeout(timeout);
            return this;
        }

        @Override
        public Duration readTimeout() {
            return delegate.readTimeout();
        }

        @Override
        public HttpClientBuilder readTimeout(Duration timeout) {
            delegate.readTimeout(timeout);
            return this;
        }

        @Override
        public HttpClient build() {
            HttpClient client = delegate.build();
            return new HttpClient() {
                @Override
                public SuccessfulHttpResponse execute(HttpRequest request) {
                    return client.execute(request);
                }

                @Override
                public void execute(
                        HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
                    client.execute(request, parser, new ServerSentEventListener() {
                        @Override
                        public void onOpen(SuccessfulHttpResponse response) {
                            listener.onOpen(response);
                        }

                        @Override
                        public void onEvent(ServerSentEvent event) {
                            listener.onEvent(event);
                        }

                        @Override
                        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                            listener.onEvent(event, context);
                        }

                        @Override
                        public void onError(Throwable error) {
                            try {
                                listener.onError(error);
                            } finally {
                                ended.release();
                            }
                        }

                        @Override
                        public void onClose() {
                            try {
                                listener.onClose();
                            } finally {
                                ended.release();
                            }
                        }
                    });
                }
            };
        }
    }
}

package one.aisa.langchain4j.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.LogCapture;
import one.aisa.langchain4j.exception.AisaError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The API key, echoed back by an upstream in every place a response can carry text, appears nowhere we produce
 * text: not in exception messages, causes or details, route traces, log lines, or the {@code toString()} of
 * responses, metadata and models. Each case goes through a model directly and through a router that falls back
 * to a healthy model, so the failure also lands in a successful answer's route.
 */
class KeyLeakTest {

    static final String KEY = "sk-aisa-leak-probe-4f7c2a9e1b3d5f60";
    /** The key's tail: a leak that cut the key short still leaks this. */
    static final String TAIL = KEY.substring(KEY.length() - 10);

    @RegisterExtension
    static WireMockExtension server = RoutingStubs.newServer();

    private final RoutingStubs stubs = new RoutingStubs(server);

    static Stream<org.junit.jupiter.params.provider.Arguments> blockingCases() {
        return Stream.of(
                json("401 error object, every field", 401, """
                        {"error":{"message":"Incorrect API key provided: %1$s","type":"%1$s","code":"%1$s",
                          "param":"%1$s","request_id":"%1$s"}}"""),
                json("500 error as a string", 500, "{\"error\":\"upstream said Bearer %1$s\"}"),
                json("503 error array", 503, "[{\"error\":{\"message\":\"key %1$s refused\",\"code\":503}}]"),
                json("502 detail", 502, "{\"detail\":\"proxy: Authorization: Bearer %1$s\"}"),
                json("500 top-level message", 500, "{\"message\":\"%1$s\",\"type\":\"%1$s\"}"),
                json("502 detail holding JSON", 502, "{\"detail\":\"{\\\"error\\\":{\\\"message\\\":\\\"%1$s\\\"}}\"}"),
                raw("502 HTML title", 502, "<html><head><title>Bad gateway %1$s</title></head><body>x</body></html>"),
                raw("502 HTML body", 502, "<html><body><p>Authorization: Bearer %1$s</p></body></html>"),
                raw(
                        "500 plain text",
                        500,
                        "upstream proxy error: POST /v1/chat/completions with Authorization: Bearer %1$s failed"),
                args(
                        "500 empty body, key in x-request-id",
                        aResponse().withStatus(500).withHeader("x-request-id", KEY)),
                args(
                        "429 with the key in the message and headers",
                        aResponse()
                                .withStatus(429)
                                .withHeader("Retry-After", "1")
                                .withHeader("x-request-id", "Bearer " + KEY)
                                .withBody("{\"error\":{\"message\":\"rate limit for %s\"}}".formatted(KEY))),
                json("200 error inside", 200, "{\"error\":{\"message\":\"Incorrect API key provided: %1$s\"}}"),
                raw("200 not JSON", 200, "upstream proxy error: Authorization: Bearer %1$s"),
                raw("200 truncated JSON", 200, "{\"choices\":[{\"message\":{\"content\":\"%1$s"),
                json("200 wrong shape", 200, "{\"choices\":[{\"message\":{\"content\":{\"echo\":\"%1$s\"}}}]}"),
                json(
                        "200 Jackson refuses a value",
                        200,
                        "{\"choices\":[{\"index\":0,\"message\":{\"role\":\"%1$s\",\"content\":\"hi\"}}]}"),
                json(
                        "200 wrong type in usage",
                        200,
                        "{\"choices\":[{\"index\":0,\"message\":{\"content\":\"hi\"}}],\"usage\":{\"prompt_tokens\":\"%1$s\"}}"),
                args(
                        "200 answer, key in x-request-id",
                        okJson(RoutingStubs.completion("leaky", "fine")).withHeader("x-request-id", KEY)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("blockingCases")
    void no_blocking_path_carries_the_key(String name, ResponseDefinitionBuilder response) {
        stubs.responds("leaky", response);
        stubs.answers("backup");
        List<Object> seen = new ArrayList<>();
        try (LogCapture ours = new LogCapture("one.aisa.langchain4j");
                LogCapture theirs = new LogCapture("dev.langchain4j")) {
            AisaChatModel leaky = model("leaky").maxRetries(1).build();
            RoutingChatModel router = RoutingChatModel.builder()
                    .models(leaky, model("backup").build())
                    .build();
            seen.add(leaky);
            seen.add(router);
            seen.add(outcome(() -> leaky.chat(request())));
            seen.add(outcome(() -> router.chat(request())));
            seen.add(router);
            seen.addAll(ours.messages());
            seen.addAll(theirs.messages());
        }
        assertNoKey(seen);
    }

    @Test
    void a_foreign_models_failure_is_masked_in_the_route() {
        stubs.answers("backup");
        ChatModel foreign = RoutingStubs.failingWith(
                () -> new IllegalStateException("proxy refused Authorization: Bearer " + KEY + " and " + KEY));
        ChatResponse response = RoutingChatModel.builder()
                .models(foreign, model("backup").build())
                .build()
                .chat(request());

        assertThat(((AisaChatResponseMetadata) response.metadata()).route().attempts())
                .hasSize(2);
        assertNoKey(List.of(response));
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> streamingCases() {
        String role = chunk("{\"role\":\"assistant\",\"content\":\"\"}");
        return Stream.of(
                sse(
                        "a line that is not JSON",
                        "data: upstream proxy error: POST /v1/chat/completions with" + " Authorization: Bearer " + KEY
                                + " failed\n\n"),
                sse(
                        "an error event",
                        "event: error\ndata: {\"error\":{\"message\":\"" + KEY + "\",\"code\":\"" + KEY + "\"}}\n\n"),
                sse(
                        "an error chunk after the role",
                        role + "data: {\"error\":{\"message\":\"Incorrect API key " + "provided: " + KEY
                                + "\",\"type\":\"" + KEY + "\"}}\n\n"),
                sse("a vLLM error object", "data: {\"object\":\"error\",\"message\":\"" + KEY + "\"}\n\n"),
                args(
                        "401 before the stream",
                        aResponse()
                                .withStatus(401)
                                .withBody("{\"error\":{\"message\":\"Incorrect API key provided: " + KEY + "\"}}")),
                args(
                        "502 HTML before the stream",
                        aResponse().withStatus(502).withBody("<html><title>" + KEY + "</title></html>")),
                args(
                        "a cut stream, key in x-request-id",
                        aResponse()
                                .withHeader("Content-Type", "text/event-stream")
                                .withHeader("x-request-id", KEY)
                                .withBody(role)),
                args(
                        "a good stream, key in x-request-id",
                        aResponse()
                                .withHeader("Content-Type", "text/event-stream")
                                .withHeader("x-request-id", "Bearer " + KEY)
                                .withBody(role + chunk("{\"content\":\"fine\"}") + "data: [DONE]\n\n")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("streamingCases")
    void no_streaming_path_carries_the_key(String name, ResponseDefinitionBuilder response) throws Exception {
        stubs.responds("leaky", response);
        stubs.responds(
                "backup",
                aResponse()
                        .withHeader("Content-Type", "text/event-stream")
                        .withBody(chunk("{\"content\":\"from backup\"}") + "data: [DONE]\n\n"));
        List<Object> seen = new ArrayList<>();
        try (LogCapture ours = new LogCapture("one.aisa.langchain4j");
                LogCapture theirs = new LogCapture("dev.langchain4j")) {
            AisaStreamingChatModel leaky = streamingModel("leaky").maxRetries(1).build();
            RoutingStreamingChatModel router = RoutingStreamingChatModel.builder()
                    .models(leaky, streamingModel("backup").build())
                    .build();
            seen.add(leaky);
            seen.add(streamOutcome(leaky));
            seen.add(streamOutcome(router));
            seen.add(router);
            seen.addAll(ours.messages());
            seen.addAll(theirs.messages());
        }
        assertNoKey(seen);
    }

    // ------------------------------------------------------------------ helpers

    private AisaChatModel.AisaChatModelBuilder model(String name) {
        return stubs.chatModel(name).apiKey(KEY).logRequests(true).logResponses(true);
    }

    private AisaStreamingChatModel.AisaStreamingChatModelBuilder streamingModel(String name) {
        return stubs.streamingModel(name).apiKey(KEY).logRequests(true).logResponses(true);
    }

    private static ChatRequest request() {
        return ChatRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from("hi"))
                .build();
    }

    private static Object outcome(java.util.function.Supplier<ChatResponse> call) {
        try {
            return call.get();
        } catch (RuntimeException failure) {
            return failure;
        }
    }

    private static Object streamOutcome(StreamingChatModel model) throws Exception {
        CompletableFuture<Object> end = new CompletableFuture<>();
        model.chat(request(), new StreamingChatResponseHandler() {
            @Override
            public void onCompleteResponse(ChatResponse response) {
                end.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                end.complete(error);
            }
        });
        return end.get(10, TimeUnit.SECONDS);
    }

    /** Every text a user can see of these objects: toString, and for failures the stack trace and details. */
    private static void assertNoKey(List<Object> seen) {
        for (Object item : seen) {
            String text = String.valueOf(item);
            if (item instanceof Throwable failure) {
                StringWriter trace = new StringWriter();
                failure.printStackTrace(new PrintWriter(trace));
                text += trace;
                for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
                    if (cause instanceof AisaError aisa) {
                        text += aisa.details();
                    }
                    for (Throwable suppressed : cause.getSuppressed()) {
                        if (suppressed instanceof AisaError aisa) {
                            text += aisa.details();
                        }
                    }
                }
            }
            if (item instanceof ChatResponse response
                    && response.metadata() instanceof AisaChatResponseMetadata metadata) {
                text += metadata.requestId() + metadata.route();
            }
            assertThat(text)
                    .as("what a user sees of %s", item.getClass().getSimpleName())
                    .doesNotContain(KEY)
                    .doesNotContain(TAIL);
        }
    }

    private static org.junit.jupiter.params.provider.Arguments json(String name, int status, String template) {
        return args(
                name,
                aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "application/json")
                        .withBody(template.formatted(KEY)));
    }

    private static org.junit.jupiter.params.provider.Arguments raw(String name, int status, String template) {
        return args(
                name,
                aResponse()
                        .withStatus(status)
                        .withHeader("Content-Type", "text/html")
                        .withBody(template.formatted(KEY)));
    }

    private static org.junit.jupiter.params.provider.Arguments sse(String name, String body) {
        return args(
                name,
                aResponse().withHeader("Content-Type", "text/event-stream").withBody(body));
    }

    private static org.junit.jupiter.params.provider.Arguments args(String name, ResponseDefinitionBuilder response) {
        return org.junit.jupiter.params.provider.Arguments.of(name, response);
    }

    private static String chunk(String delta) {
        return "data: {\"id\":\"c1\",\"choices\":[{\"index\":0,\"delta\":" + delta + "}]}\n\n";
    }
}

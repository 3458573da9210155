package one.aisa.langchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.AisaStreamingChatModel;

/** Shared helpers of the simulator tests: raw HTTP, exact JSON, a stream recorder, tool specifications. */
final class SimulatorTestSupport {

    /** Reads JSON numbers as BigDecimal, so prices compare exactly. */
    static final ObjectMapper JSON = new ObjectMapper().enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    static final Duration WAIT = Duration.ofSeconds(10);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private SimulatorTestSupport() {}

    /** A blocking model that does not retry, so each fault shows as it is. */
    static AisaChatModel noRetry(AisaSimulator simulator, String model) {
        return simulator.chatModelBuilder(model).maxRetries(0).build();
    }

    /** A streaming model that does not retry. */
    static AisaStreamingChatModel noRetryStreaming(AisaSimulator simulator, String model) {
        return simulator.streamingChatModelBuilder(model).maxRetries(0).build();
    }

    static AisaChatResponseMetadata aisa(ChatResponse response) {
        return (AisaChatResponseMetadata) response.metadata();
    }

    static String root(AisaSimulator simulator) {
        return "http://127.0.0.1:" + simulator.port();
    }

    static HttpResponse<String> get(AisaSimulator simulator, String path, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root(simulator) + path))
                .timeout(WAIT)
                .GET();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    static HttpResponse<String> get(AisaSimulator simulator, String path) {
        return get(simulator, path, "Bearer " + AisaSimulator.API_KEY);
    }

    static HttpResponse<String> post(AisaSimulator simulator, String path, String body, String authorization) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(root(simulator) + path))
                .timeout(WAIT)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return send(request.build());
    }

    static HttpResponse<String> post(AisaSimulator simulator, String path, String body) {
        return post(simulator, path, body, "Bearer " + AisaSimulator.API_KEY);
    }

    private static HttpResponse<String> send(HttpRequest request) {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException("not JSON: " + body, e);
        }
    }

    /** The {@code data:} payloads of an SSE body, in order. */
    static List<String> sseData(String body) {
        List<String> data = new ArrayList<>();
        for (String line : body.split("\r\n|\r|\n")) {
            if (line.startsWith("data:")) {
                data.add(line.substring(5).strip());
            }
        }
        return data;
    }

    /**
     * The JSON fragments of a Gemini SSE stream; fails unless every event is exactly {@code data: <compact JSON>}
     * followed by {@code \r\n\r\n}, with nothing else in the body.
     */
    static List<JsonNode> geminiEvents(String body) {
        assertThat(body).as("the stream <%s>", body).endsWith("\r\n\r\n").doesNotContain("[DONE]");
        List<JsonNode> events = new ArrayList<>();
        for (String event : body.substring(0, body.length() - 4).split("\r\n\r\n", -1)) {
            assertThat(event).startsWith("data: ").doesNotContain("\n").doesNotContain("\r");
            JsonNode fragment = json(event.substring("data: ".length()));
            assertThat(event).isEqualTo("data: " + fragment);
            events.add(fragment);
        }
        return events;
    }

    /** A one-turn Gemini request body. */
    static String geminiBody(String prompt) {
        ObjectNode body = JSON.createObjectNode();
        body.putArray("contents").add(geminiTurn("user", JSON.createObjectNode().put("text", prompt)));
        return body.toString();
    }

    static ObjectNode geminiTurn(String role, JsonNode... parts) {
        ObjectNode turn = JSON.createObjectNode().put("role", role);
        turn.putArray("parts").addAll(List.of(parts));
        return turn;
    }

    static String chatBody(String model, String prompt, boolean stream) {
        return JSON.createObjectNode()
                .put("model", model)
                .put("stream", stream)
                .set(
                        "messages",
                        JSON.createArrayNode()
                                .add(JSON.createObjectNode().put("role", "user").put("content", prompt)))
                .toString();
    }

    static ToolSpecification cityTool(String name, String description) {
        return ToolSpecification.builder()
                .name(name)
                .description(description)
                .parameters(JsonObjectSchema.builder()
                        .addStringProperty("city")
                        .required("city")
                        .build())
                .build();
    }

    /** Records every callback of a stream; waits for its end with a bound, never with a sleep. */
    static final class StreamRecorder implements StreamingChatResponseHandler {

        final List<String> partials = new CopyOnWriteArrayList<>();
        final List<CompleteToolCall> completeToolCalls = new CopyOnWriteArrayList<>();
        final AtomicInteger completions = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        private final CompletableFuture<ChatResponse> done = new CompletableFuture<>();

        @Override
        public void onPartialResponse(String partialResponse) {
            partials.add(partialResponse);
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            completeToolCalls.add(completeToolCall);
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            completions.incrementAndGet();
            done.complete(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            errors.incrementAndGet();
            done.completeExceptionally(error);
        }

        String text() {
            return String.join("", partials);
        }

        /** The complete response; fails the test if the stream ended in an error or did not end in time. */
        ChatResponse response() {
            try {
                return done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                throw new AssertionError("the stream failed instead of completing", e.getCause());
            } catch (TimeoutException e) {
                throw new AssertionError("the stream did not end within " + WAIT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }

        /** The error the stream ended with; fails the test if it completed instead or did not end in time. */
        Throwable error() {
            try {
                ChatResponse response = done.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                return fail("the stream completed instead of failing: " + response);
            } catch (ExecutionException e) {
                return e.getCause();
            } catch (TimeoutException e) {
                throw new AssertionError("the stream did not end within " + WAIT, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }
}

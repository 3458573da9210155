package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.Internal;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpClientBuilder;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import one.aisa.langchain4j.AisaGeminiChatResponseMetadata;

/**
 * One call on Gemini's native route, as the HTTP client {@code langchain4j-google-ai-gemini} is built with for that
 * call: that module maps the request and the answer; this exchange adds what it cannot do. It sends the AIsa key as
 * a Bearer token (the module knows only {@code x-goog-api-key}), turns every failure into a typed exception, reads
 * each body or stream event once more as a tree to catch what the module would turn into an empty answer or a raw
 * exception (an error inside a 200, a blocked prompt, a candidate without content, a stream cut before its finish
 * reason), and keeps what its metadata drops: the raw finish reason, the cost, the request id, thoughts and cached
 * tokens, and the safety ratings.
 *
 * <p>One instance per call, so what it gathers belongs to that call alone.
 */
@Internal
public final class GeminiExchange implements HttpClient {

    private final HttpClient transport;
    private final Map<String, String> headers;
    private final GatewayErrors errors;
    private final ResponseInspector inspector;
    private final GeminiAnswer answer = new GeminiAnswer();
    private volatile Map<String, List<String>> responseHeaders = Map.of();
    private volatile SuccessfulHttpResponse rawResponse;
    private volatile boolean sent;
    private final Consumer<RuntimeException> streamFailed;

    /**
     * @param transport the model's client (error mapping, logging, key masking)
     * @param headers every header of a call, the {@code Authorization} one included
     * @param streamFailed hears every failure of a stream (the module's own listener never does), so that a caller
     *     gets exactly one typed error and nothing after it; unused by a blocking call
     */
    public GeminiExchange(
            HttpClient transport,
            Map<String, String> headers,
            GatewayErrors errors,
            Consumer<RuntimeException> streamFailed) {
        this.transport = transport;
        this.headers = headers;
        this.errors = errors;
        this.inspector = new ResponseInspector(errors);
        this.streamFailed = streamFailed;
    }

    /** A builder that hands out this exchange, for the module's {@code httpClientBuilder(...)}. */
    public HttpClientBuilder asBuilder() {
        GeminiExchange exchange = this;
        return new HttpClientBuilder() {
            private Duration connectTimeout;
            private Duration readTimeout;

            @Override
            public Duration connectTimeout() {
                return connectTimeout;
            }

            @Override
            public HttpClientBuilder connectTimeout(Duration timeout) {
                this.connectTimeout = timeout;
                return this;
            }

            @Override
            public Duration readTimeout() {
                return readTimeout;
            }

            @Override
            public HttpClientBuilder readTimeout(Duration timeout) {
                this.readTimeout = timeout;
                return this;
            }

            @Override
            public HttpClient build() {
                // the timeouts are the model's own, already set on its transport
                return exchange;
            }
        };
    }

    /** Whether the call reached the transport: a failure before that was in building the request. */
    public boolean sent() {
        return sent;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        sent = true;
        SuccessfulHttpResponse response = transport.execute(authorised(request));
        responseHeaders = response.headers() == null ? Map.of() : response.headers();
        rawResponse = response;
        JsonNode json = inspector.readJson(response);
        answer.add(json);
        RuntimeException problem = answer.problem(responseHeaders, errors);
        if (problem != null) {
            throw problem;
        }
        if (GeminiBodies.hasUnknownFinishReason(json)) {
            return SuccessfulHttpResponse.builder()
                    .statusCode(response.statusCode())
                    .headers(response.headers())
                    .body(GeminiBodies.withKnownFinishReasons(json))
                    .build();
        }
        return response;
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        sent = true;
        transport.execute(authorised(request), parser, new Watch(listener, streamFailed));
    }

    /**
     * The answer the module mapped, with the metadata it could not fill: cost, request id, raw finish reason, usage
     * with thoughts and cached tokens, and safety ratings.
     */
    public ChatResponse complete(ChatResponse mapped) {
        ChatResponseMetadata metadata = mapped.metadata();
        UsageExtras extras = UsageExtras.read(answer.cost, null, responseHeaders, errors);
        AisaGeminiChatResponseMetadata.Builder builder =
                AisaGeminiChatResponseMetadata.builder().safetyRatings(answer.safetyRatings);
        builder.id(metadata.id())
                .modelName(metadata.modelName())
                .tokenUsage(answer.tokenUsage())
                .finishReason(metadata.finishReason())
                .rawFinishReason(answer.rawFinishReason)
                .cost(extras.cost())
                .creditsRemaining(extras.creditsRemaining())
                .requestId(extras.requestId())
                .rawHttpResponse(rawResponse);
        return ChatResponse.builder()
                .aiMessage(mapped.aiMessage())
                .metadata(builder.build())
                .build();
    }

    private HttpRequest authorised(HttpRequest request) {
        Map<String, List<String>> all = new LinkedHashMap<>();
        request.headers().forEach((name, values) -> {
            if (!"User-Agent".equalsIgnoreCase(name)) {
                all.put(name, values);
            }
        });
        headers.forEach((name, value) -> all.put(name, List.of(value)));
        return HttpRequest.builder()
                .method(request.method())
                .url(request.url())
                .headers(all)
                .body(GeminiBodies.request(request.body()))
                .build();
    }

    /** Passes each good event on, and turns what the module would mishandle into one typed failure. */
    private final class Watch implements ServerSentEventListener {

        private final ServerSentEventListener listener;
        private final Consumer<RuntimeException> failed;
        private int characters;
        private boolean ended;

        Watch(ServerSentEventListener listener, Consumer<RuntimeException> failed) {
            this.listener = listener;
            this.failed = failed;
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            responseHeaders = response.headers() == null ? Map.of() : response.headers();
            listener.onOpen(response);
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            onEvent(event, null);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            if (ended) {
                return;
            }
            JsonNode json = Json.parseOrNull(event.data());
            if (json == null || !json.isObject()) {
                fail(errors.unreadableChunk(responseHeaders, event.data()));
                return;
            }
            if (ResponseInspector.isError(json)) {
                fail(errors.fromErrorInSuccessfulResponse(responseHeaders, json));
                return;
            }
            answer.add(json);
            if (answer.blockReason != null) {
                fail(answer.problem(responseHeaders, errors));
                return;
            }
            characters += event.data().length();
            ServerSentEvent readable = GeminiBodies.hasUnknownFinishReason(json)
                    ? new ServerSentEvent(event.event(), GeminiBodies.withKnownFinishReasons(json))
                    : event;
            try {
                if (context == null) {
                    listener.onEvent(readable);
                } else {
                    listener.onEvent(readable, context);
                }
            } catch (RuntimeException e) {
                // what the module's reading of an event threw: this stream cannot be read on
                fail(errors.unmappableResponse(e.getClass().getSimpleName() + ": " + e.getMessage(), e));
            }
        }

        @Override
        public void onError(Throwable failure) {
            if (!ended) {
                fail(failure instanceof RuntimeException typed ? typed : new LangChain4jException(failure));
            }
        }

        @Override
        public void onClose() {
            if (ended) {
                return;
            }
            if (answer.rawFinishReason == null) {
                fail(errors.truncatedStream(responseHeaders, characters));
                return;
            }
            RuntimeException problem = answer.problem(responseHeaders, errors);
            if (problem != null) {
                fail(problem);
                return;
            }
            ended = true;
            listener.onClose();
        }

        private void fail(RuntimeException failure) {
            ended = true;
            failed.accept(failure);
        }
    }
}

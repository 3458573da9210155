package one.aisa.langchain4j;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpMethod;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import dev.langchain4j.model.openai.internal.shared.StreamOptions;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import one.aisa.langchain4j.internal.GatewayErrors;
import one.aisa.langchain4j.internal.Json;
import one.aisa.langchain4j.internal.Settings;
import one.aisa.langchain4j.internal.StreamingCall;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LangChain4j {@link StreamingChatModel} for the AIsa gateway, correct on the stream shapes of every provider
 * behind it: text, thinking and tool calls (parallel, interleaved, split anywhere) as they arrive, cost and credits
 * in the final {@link AisaChatResponseMetadata}, errors inside a 200 stream as typed exceptions, stalls as
 * timeouts, and retries while nothing has reached the user yet.
 *
 * <pre>{@code
 * StreamingChatModel model = AisaStreamingChatModel.builder().modelName("gpt-4o-mini").build();
 * model.chat("Tell me a story", new StreamingChatResponseHandler() {
 *     public void onPartialResponse(String text) { System.out.print(text); }
 *     public void onCompleteResponse(ChatResponse response) { System.out.println(); }
 *     public void onError(Throwable error) { error.printStackTrace(); }
 * });
 * }</pre>
 *
 * <p>Builder settings are the same as {@link AisaChatModel}'s; {@code timeout} is also the longest silence allowed
 * inside a stream.
 */
public class AisaStreamingChatModel extends AisaModelSupport<OpenAiChatRequestParameters>
        implements StreamingChatModel {

    private static final Logger LOG = LoggerFactory.getLogger(AisaStreamingChatModel.class);

    private final HttpClient httpClient;
    private final Map<String, String> headers;
    private final GatewayErrors errors;

    public AisaStreamingChatModel(AisaStreamingChatModelBuilder builder) {
        this(new ResolvedSettings(builder, LOG));
    }

    private AisaStreamingChatModel(ResolvedSettings settings) {
        super(settings, settings.defaultRequestParameters, settings.retryPolicy);
        this.errors = settings.httpClientBuilder.gatewayErrors();
        this.httpClient = settings.httpClient();
        this.headers = settings.headers("text/event-stream");
    }

    private AisaStreamingChatModel(AisaStreamingChatModel base, RetryPolicy retryPolicy) {
        super(base.settings, base.defaultRequestParameters(), retryPolicy);
        this.httpClient = base.httpClient;
        this.headers = base.headers;
        this.errors = base.errors;
    }

    /**
     * This model with another retry policy (retries before the first partial), sharing its connection. Routers
     * use {@code withRetryPolicy(RetryPolicy.none())} so that retries are not stacked: the router owns them.
     */
    public AisaStreamingChatModel withRetryPolicy(RetryPolicy retryPolicy) {
        return new AisaStreamingChatModel(this, java.util.Objects.requireNonNull(retryPolicy, "retryPolicy"));
    }

    public static AisaStreamingChatModelBuilder builder() {
        return new AisaStreamingChatModelBuilder();
    }

    /** Observed when built with an {@code observationRegistry}; then as {@link StreamingChatModel#chat}. */
    @Override
    public void chat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
        settings.observations.stream(
                () -> observation(chatRequest, true),
                handler,
                null,
                observed -> StreamingChatModel.super.chat(chatRequest, observed));
    }

    @Override
    public void doChat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
        Settings.validateRequest(chatRequest);
        ChatCompletionRequest body = settings.completionRequest(chatRequest).stream(true)
                .streamOptions(StreamOptions.builder().includeUsage(true).build())
                .build();
        HttpRequest request = HttpRequest.builder()
                .method(HttpMethod.POST)
                .url(settings.baseUrl, "chat/completions")
                .addHeaders(headers)
                .body(toJson(body))
                .build();
        new StreamingCall(
                        httpClient,
                        request,
                        handler,
                        settings.returnThinking,
                        retryPolicy,
                        settings.sleeper,
                        () -> ThreadLocalRandom.current().nextDouble(),
                        errors)
                .start();
    }

    private static String toJson(ChatCompletionRequest body) {
        try {
            return Json.MAPPER.writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("could not write the chat completion request", e);
        }
    }

    public static class AisaStreamingChatModelBuilder extends AisaModelBuilder<AisaStreamingChatModelBuilder> {

        public AisaStreamingChatModelBuilder() {
            // public so it can be extended
        }

        public AisaStreamingChatModel build() {
            return new AisaStreamingChatModel(this);
        }
    }
}

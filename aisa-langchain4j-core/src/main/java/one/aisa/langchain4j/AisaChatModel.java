package one.aisa.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.model.openai.internal.chat.ChatCompletionRequest;
import one.aisa.langchain4j.internal.CompletionExchange;
import one.aisa.langchain4j.internal.Retrier;
import one.aisa.langchain4j.internal.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LangChain4j {@link ChatModel} for the AIsa gateway: one key, one endpoint, many model families.
 *
 * <p>Built on {@code langchain4j-open-ai} for the request and message mapping (tools, vision, JSON schema, thinking)
 * and its response types, read once ({@code internal.CompletionExchange});
 * adds what AIsa adds: cost and credits in {@link AisaChatResponseMetadata}, typed exceptions that keep the
 * gateway's {@code code}, {@code request_id} and {@code Retry-After} for every error shape an upstream can send,
 * and retries with backoff that honour {@code Retry-After}.
 *
 * <pre>{@code
 * ChatModel model = AisaChatModel.builder()
 *         .modelName("gpt-4o-mini")   // apiKey defaults to the AISA_API_KEY environment variable
 *         .build();
 * String answer = model.chat("Hello!");
 * }</pre>
 */
public class AisaChatModel extends AisaModelSupport<OpenAiChatRequestParameters> implements ChatModel {

    private static final Logger LOG = LoggerFactory.getLogger(AisaChatModel.class);

    private final CompletionExchange exchange;
    private final Retrier retrier;

    public AisaChatModel(AisaChatModelBuilder builder) {
        this(new ResolvedSettings(builder, LOG));
    }

    private AisaChatModel(ResolvedSettings settings) {
        super(settings, settings.defaultRequestParameters, settings.retryPolicy);
        this.retrier = new Retrier(retryPolicy, settings.sleeper);
        this.exchange = new CompletionExchange(
                settings.httpClient(),
                settings.baseUrl,
                settings.headers("application/json"),
                settings.returnThinking,
                settings.httpClientBuilder.gatewayErrors());
    }

    private AisaChatModel(AisaChatModel base, RetryPolicy retryPolicy) {
        super(base.settings, base.defaultRequestParameters(), retryPolicy);
        this.exchange = base.exchange;
        this.retrier = new Retrier(retryPolicy, base.retrier);
    }

    /**
     * This model with another retry policy, sharing its connection. Routers use {@code withRetryPolicy(
     * RetryPolicy.none())} so that retries are not stacked: the router owns them.
     */
    public AisaChatModel withRetryPolicy(RetryPolicy retryPolicy) {
        return new AisaChatModel(this, java.util.Objects.requireNonNull(retryPolicy, "retryPolicy"));
    }

    public static AisaChatModelBuilder builder() {
        return new AisaChatModelBuilder();
    }

    /** Observed when built with an {@code observationRegistry}; then as {@link ChatModel#chat(ChatRequest)}. */
    @Override
    public ChatResponse chat(ChatRequest chatRequest) {
        return settings.observations.call(
                () -> observation(chatRequest, false), () -> ChatModel.super.chat(chatRequest));
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        Settings.validateRequest(chatRequest);
        // "stream": false as OpenAiChatModel sends it
        ChatCompletionRequest body =
                settings.completionRequest(chatRequest).stream(false).build();
        return retrier.call(() -> exchange.send(body));
    }

    public static class AisaChatModelBuilder extends AisaModelBuilder<AisaChatModelBuilder> {

        public AisaChatModelBuilder() {
            // public so it can be extended
        }

        public AisaChatModel build() {
            return new AisaChatModel(this);
        }
    }
}

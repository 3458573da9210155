package one.aisa.langchain4j;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatRequestParameters;
import java.util.Objects;
import one.aisa.langchain4j.internal.GeminiExchange;
import one.aisa.langchain4j.internal.Retrier;
import one.aisa.langchain4j.internal.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LangChain4j {@link ChatModel} on the gateway's native Gemini route ({@code POST {baseUrl}/models/{model}:
 * generateContent}), which keeps what the OpenAI-compatible route loses: thinking configuration and thought
 * summaries, the {@code thoughtSignature} Gemini 3 wants back in tool loops, safety settings and ratings, a
 * blocked prompt's reason, and exact token details.
 *
 * <p>Built on {@code langchain4j-google-ai-gemini}: its request mapping (messages, vision, tools with their JSON
 * schema translated to Gemini's subset, tool config, JSON output, thinking) and its answer mapping are used as they
 * are. Its HTTP layer takes a custom base URL but authenticates only with {@code x-goog-api-key}, so the transport
 * is ours ({@code internal.GeminiExchange}): the AIsa key as a Bearer token, the same typed exceptions, retries and
 * key secrecy as {@link AisaChatModel}, and {@link AisaGeminiChatResponseMetadata} with cost and safety ratings.
 *
 * <pre>{@code
 * ChatModel gemini = AisaGeminiChatModel.builder()
 *         .modelName("gemini-2.5-flash")   // apiKey defaults to the AISA_API_KEY environment variable
 *         .build();
 * }</pre>
 */
public class AisaGeminiChatModel extends AisaModelSupport<GoogleAiGeminiChatRequestParameters> implements ChatModel {

    private static final Logger LOG = LoggerFactory.getLogger(AisaGeminiChatModel.class);

    private final GeminiSettings gemini;
    private final Retrier retrier;

    public AisaGeminiChatModel(AisaGeminiChatModelBuilder builder) {
        this(new GeminiSettings(builder, LOG));
    }

    private AisaGeminiChatModel(GeminiSettings gemini) {
        super(gemini.common, gemini.defaultRequestParameters, gemini.common.retryPolicy);
        this.gemini = gemini;
        this.retrier = new Retrier(retryPolicy, gemini.common.sleeper);
    }

    private AisaGeminiChatModel(AisaGeminiChatModel base, RetryPolicy retryPolicy) {
        super(base.settings, base.defaultRequestParameters(), retryPolicy);
        this.gemini = base.gemini;
        this.retrier = new Retrier(retryPolicy, base.retrier);
    }

    /** This model with another retry policy, sharing its connection; routers use it so retries do not stack. */
    public AisaGeminiChatModel withRetryPolicy(RetryPolicy retryPolicy) {
        return new AisaGeminiChatModel(this, Objects.requireNonNull(retryPolicy, "retryPolicy"));
    }

    public static AisaGeminiChatModelBuilder builder() {
        return new AisaGeminiChatModelBuilder();
    }

    /** Observed when built with an {@code observationRegistry}; then as {@link ChatModel#chat(ChatRequest)}. */
    @Override
    public ChatResponse chat(ChatRequest chatRequest) {
        return settings.observations.call(
                () -> observation(chatRequest, false), () -> ChatModel.super.chat(chatRequest));
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        Settings.validateMessages(chatRequest);
        // images by URL are read once here, with the timeout, not by the module on every try
        ChatRequest request = GeminiImages.inlined(
                GeminiRequests.withGeminiParameters(chatRequest, defaultRequestParameters()), settings.timeout);
        return retrier.call(() -> {
            GeminiExchange exchange = gemini.blockingExchange();
            ChatResponse mapped;
            try {
                mapped = gemini.chatModel(exchange).doChat(request);
            } catch (RuntimeException e) {
                throw gemini.failure(e, exchange);
            }
            return exchange.complete(mapped);
        });
    }

    public static class AisaGeminiChatModelBuilder extends AisaGeminiModelBuilder<AisaGeminiChatModelBuilder> {

        public AisaGeminiChatModelBuilder() {
            // public so it can be extended
        }

        public AisaGeminiChatModel build() {
            return new AisaGeminiChatModel(this);
        }
    }
}

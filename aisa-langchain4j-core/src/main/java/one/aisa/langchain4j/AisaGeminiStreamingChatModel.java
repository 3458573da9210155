package one.aisa.langchain4j;

import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.withLoggingExceptions;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.googleai.GoogleAiGeminiChatRequestParameters;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import one.aisa.langchain4j.internal.GeminiExchange;
import one.aisa.langchain4j.internal.Retrier;
import one.aisa.langchain4j.internal.Settings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A LangChain4j {@link StreamingChatModel} on the gateway's native Gemini route
 * ({@code :streamGenerateContent?alt=sse}); see {@link AisaGeminiChatModel} for what the route gives and how it is
 * built. {@code langchain4j-google-ai-gemini} reads the events (text increments, a whole function call per event,
 * cumulative usage, the end at EOF); this model adds what it does not do: an error event inside a 200, a blocked
 * prompt and a stream cut before its finish reason become one typed error, and a failure before anything reached
 * the caller is retried under the retry policy, as {@link AisaStreamingChatModel} does. Exactly one of
 * {@code onCompleteResponse} and {@code onError} is called.
 */
public class AisaGeminiStreamingChatModel extends AisaModelSupport<GoogleAiGeminiChatRequestParameters>
        implements StreamingChatModel {

    private static final Logger LOG = LoggerFactory.getLogger(AisaGeminiStreamingChatModel.class);

    private final GeminiSettings gemini;
    private final Retrier retrier;

    public AisaGeminiStreamingChatModel(AisaGeminiStreamingChatModelBuilder builder) {
        this(new GeminiSettings(builder, LOG));
    }

    private AisaGeminiStreamingChatModel(GeminiSettings gemini) {
        super(gemini.common, gemini.defaultRequestParameters, gemini.common.retryPolicy);
        this.gemini = gemini;
        this.retrier = new Retrier(retryPolicy, gemini.common.sleeper);
    }

    private AisaGeminiStreamingChatModel(AisaGeminiStreamingChatModel base, RetryPolicy retryPolicy) {
        super(base.settings, base.defaultRequestParameters(), retryPolicy);
        this.gemini = base.gemini;
        this.retrier = new Retrier(retryPolicy, base.retrier);
    }

    /** This model with another retry policy, sharing its connection; routers use it so retries do not stack. */
    public AisaGeminiStreamingChatModel withRetryPolicy(RetryPolicy retryPolicy) {
        return new AisaGeminiStreamingChatModel(this, Objects.requireNonNull(retryPolicy, "retryPolicy"));
    }

    public static AisaGeminiStreamingChatModelBuilder builder() {
        return new AisaGeminiStreamingChatModelBuilder();
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
        Settings.validateMessages(chatRequest);
        ChatRequest request;
        try {
            // images by URL are read once here, with the timeout, not by the module on every try
            request = GeminiImages.inlined(
                    GeminiRequests.withGeminiParameters(chatRequest, defaultRequestParameters()), settings.timeout);
        } catch (RuntimeException unreadable) {
            handler.onError(unreadable);
            return;
        }
        new Call(request, handler).attempt();
    }

    /** One logical stream: its attempts, and the one terminal callback. */
    private final class Call {

        private final ChatRequest request;
        private final StreamingChatResponseHandler handler;
        private final AtomicBoolean ended = new AtomicBoolean();
        private volatile boolean delivered;
        private volatile Object current;
        private int retries;

        Call(ChatRequest request, StreamingChatResponseHandler handler) {
            this.request = request;
            this.handler = handler;
        }

        void attempt() {
            Object attempt = new Object();
            current = attempt;
            GeminiExchange exchange = gemini.streamingExchange(failure -> failed(attempt, failure));
            try {
                gemini.streamingModel(exchange).doChat(request, new GeminiStreamHandler(handler, exchange) {
                    @Override
                    boolean live() {
                        return current == attempt && !ended.get();
                    }

                    @Override
                    void delivered() {
                        delivered = true;
                    }

                    @Override
                    void complete(dev.langchain4j.model.chat.response.ChatResponse response) {
                        if (current == attempt && ended.compareAndSet(false, true)) {
                            withLoggingExceptions(() -> handler.onCompleteResponse(response));
                        }
                    }

                    @Override
                    void failed(Throwable failure) {
                        Call.this.failed(attempt, failure);
                    }
                });
            } catch (RuntimeException failure) {
                failed(attempt, gemini.failure(failure, exchange));
            }
        }

        /** A failure of {@code attempt}: retried while nothing reached the caller, else the one error. */
        private void failed(Object attempt, Throwable failure) {
            if (current != attempt || ended.get()) {
                return;
            }
            if (!delivered && failure instanceof RuntimeException runtime && retry(runtime)) {
                return;
            }
            if (ended.compareAndSet(false, true)) {
                withLoggingExceptions(() -> handler.onError(failure));
            }
        }

        private boolean retry(RuntimeException failure) {
            if (!retrier.waitToRetryStream(retries + 1, failure)) {
                return false;
            }
            retries++;
            attempt();
            return true;
        }
    }

    public static class AisaGeminiStreamingChatModelBuilder
            extends AisaGeminiModelBuilder<AisaGeminiStreamingChatModelBuilder> {

        public AisaGeminiStreamingChatModelBuilder() {
            // public so it can be extended
        }

        public AisaGeminiStreamingChatModel build() {
            return new AisaGeminiStreamingChatModel(this);
        }
    }
}

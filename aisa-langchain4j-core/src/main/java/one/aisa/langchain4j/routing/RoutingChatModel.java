package one.aisa.langchain4j.routing;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaGeminiChatModel;
import one.aisa.langchain4j.RetryPolicy;

/**
 * A {@link ChatModel} that routes each call along an ordered chain of models, so a model that is down costs
 * (almost) nothing: it falls back at once instead of waiting on a dead model, retries only the last model that
 * can still answer, and skips a model whose circuit breaker is open.
 *
 * <pre>{@code
 * ChatModel model = RoutingChatModel.builder()
 *         .models(gpt, claude, qwen)     // tried in this order
 *         .build();
 * }</pre>
 *
 * <p>Works over any {@code ChatModel}: it calls {@code chat(...)}, so each model's defaults and listeners apply.
 * {@link AisaChatModel}s are used without their own retries (the router owns retries). The answer's
 * {@code AisaChatResponseMetadata.route()} tells which model answered and what was tried.
 */
public class RoutingChatModel implements ChatModel {

    private final Router<ChatModel> router;
    private final boolean fallbackEnabled;

    public RoutingChatModel(RoutingChatModelBuilder builder) {
        this(new Router<>(builder, ChatModel::supportedCapabilities), true);
    }

    private RoutingChatModel(Router<ChatModel> router, boolean fallbackEnabled) {
        this.router = router;
        this.fallbackEnabled = fallbackEnabled;
    }

    public static RoutingChatModelBuilder builder() {
        return new RoutingChatModelBuilder();
    }

    /**
     * This router for calls that must not fall back: only the first model of the chain is asked (with its
     * retries), sharing this router's circuit breakers.
     */
    public RoutingChatModel withoutFallback() {
        return new RoutingChatModel(router, false);
    }

    /** Observed when built with an {@code observationRegistry}; then as {@link ChatModel#chat(ChatRequest)}. */
    @Override
    public ChatResponse chat(ChatRequest chatRequest) {
        return router.observations.call(
                () -> router.callObservation(chatRequest, false), () -> ChatModel.super.chat(chatRequest));
    }

    @Override
    public ChatResponse doChat(ChatRequest chatRequest) {
        ChainWalk<ChatModel> walk = new ChainWalk<>(router, router.chainFor(chatRequest), fallbackEnabled);
        ChatRequest request = Router.forRoutes(chatRequest);
        for (ChainWalk.Step<ChatModel> step = walk.next(); step != null; step = walk.next()) {
            try {
                ChatResponse response = attempt(step.route(), request, step.retries(), walk.log);
                return Router.withTrace(response, walk.log.trace(step.route().label));
            } catch (RuntimeException failure) {
                if (!walk.goesOnAfter(failure)) {
                    throw walk.surfaced();
                }
            }
        }
        throw walk.exhausted();
    }

    /** One model, with the retries allowed for it; records every try in the breaker and the log. */
    private ChatResponse attempt(Route<ChatModel> route, ChatRequest request, RetryPolicy retries, RouteLog log) {
        for (int retry = 1; ; retry++) {
            long start = router.nanoTime.getAsLong();
            try {
                ChatResponse response = router.observations.call(
                        () -> Router.attemptObservation(route, request, false), () -> route.model.chat(request));
                long nanos = router.nanoTime.getAsLong() - start;
                router.answered(route, response, nanos);
                log.answered(route, nanos);
                return response;
            } catch (RuntimeException failure) {
                long nanos = router.nanoTime.getAsLong() - start;
                router.recordFailure(route, failure, nanos);
                log.failed(route, failure, nanos);
                Duration wait = router.retryWait(retries, retry, failure);
                if (wait == null || !router.sleep(wait) || !route.tryAcquire()) {
                    throw failure;
                }
            }
        }
    }

    /** Health of each model's circuit, for health checks and dashboards. */
    public List<RouteHealth> health() {
        return router.health();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return router.listeners;
    }

    /** What every model of the router supports, so AI Services rely on nothing a fallback lacks. */
    @Override
    public Set<Capability> supportedCapabilities() {
        return router.capabilities;
    }

    @Override
    public String toString() {
        return "RoutingChatModel" + router.health();
    }

    public static class RoutingChatModelBuilder extends RouterBuilder<ChatModel, RoutingChatModelBuilder> {

        public RoutingChatModelBuilder() {
            // public so it can be extended
        }

        @Override
        protected String labelOf(ChatModel model, int position) {
            if (model instanceof AisaChatModel aisa) {
                return aisa.modelName();
            }
            return model instanceof AisaGeminiChatModel gemini ? gemini.modelName() : "route-" + position;
        }

        @Override
        protected ChatModel adapt(ChatModel model) {
            return withoutOwnRetries(model);
        }

        static ChatModel withoutOwnRetries(ChatModel model) {
            if (model instanceof AisaChatModel aisa && aisa.retryPolicy().maxRetries() > 0) {
                return aisa.withRetryPolicy(RetryPolicy.none());
            }
            return model instanceof AisaGeminiChatModel gemini
                            && gemini.retryPolicy().maxRetries() > 0
                    ? gemini.withRetryPolicy(RetryPolicy.none())
                    : model;
        }

        public RoutingChatModel build() {
            return new RoutingChatModel(this);
        }
    }
}

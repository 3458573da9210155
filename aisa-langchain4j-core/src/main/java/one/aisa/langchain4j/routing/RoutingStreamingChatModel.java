package one.aisa.langchain4j.routing;

import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.withLoggingExceptions;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
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
import dev.langchain4j.model.chat.response.StreamingHandle;
import io.micrometer.observation.Observation;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import one.aisa.langchain4j.AisaGeminiStreamingChatModel;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.RetryPolicy;

/**
 * A {@link StreamingChatModel} that routes each call along an ordered chain of models, like
 * {@link RoutingChatModel}, with one more rule: it switches models only before the first partial (text, thinking
 * or a tool call) reached the caller. After that an error is surfaced, so no text is ever duplicated or lost.
 * Every handler callback and its context are forwarded, so {@code StreamingHandle.cancel()} cancels the model
 * that is streaming.
 */
public class RoutingStreamingChatModel implements StreamingChatModel {

    private final Router<StreamingChatModel> router;
    private final boolean fallbackEnabled;

    public RoutingStreamingChatModel(RoutingStreamingChatModelBuilder builder) {
        this(new Router<>(builder, StreamingChatModel::supportedCapabilities), true);
    }

    private RoutingStreamingChatModel(Router<StreamingChatModel> router, boolean fallbackEnabled) {
        this.router = router;
        this.fallbackEnabled = fallbackEnabled;
    }

    public static RoutingStreamingChatModelBuilder builder() {
        return new RoutingStreamingChatModelBuilder();
    }

    /** This router for calls that must not fall back, sharing its circuit breakers. */
    public RoutingStreamingChatModel withoutFallback() {
        return new RoutingStreamingChatModel(router, false);
    }

    /** Observed when built with an {@code observationRegistry}; then as {@link StreamingChatModel#chat}. */
    @Override
    public void chat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
        router.observations.stream(
                () -> router.callObservation(chatRequest, true),
                handler,
                null,
                observed -> StreamingChatModel.super.chat(chatRequest, observed));
    }

    @Override
    public void doChat(ChatRequest chatRequest, StreamingChatResponseHandler handler) {
        List<Route<StreamingChatModel>> chain;
        try {
            chain = router.chainFor(chatRequest);
        } catch (RuntimeException refused) {
            withLoggingExceptions(() -> handler.onError(refused));
            return;
        }
        new Call(Router.forRoutes(chatRequest), handler, chain).next();
    }

    /** One logical streaming call: walks the chain on the delegates' callback threads, one model at a time. */
    private final class Call {

        private final ChatRequest request;
        private final StreamingChatResponseHandler handler;
        private final ChainWalk<StreamingChatModel> walk;
        private final RouteLog log;
        /** The observation of this call (or of the call it is part of), the parent of each attempt's. */
        private final Observation observation = router.observations.current();

        Call(ChatRequest request, StreamingChatResponseHandler handler, List<Route<StreamingChatModel>> chain) {
            this.request = request;
            this.handler = handler;
            this.walk = new ChainWalk<>(router, chain, fallbackEnabled);
            this.log = walk.log;
        }

        /** Starts the next model that may be called, or reports that none is left. */
        void next() {
            ChainWalk.Step<StreamingChatModel> step = walk.next();
            if (step == null) {
                withLoggingExceptions(() -> handler.onError(walk.exhausted()));
                return;
            }
            new Attempt(this, step.route(), step.retries(), 1).start();
        }

        /** A model failed before anything reached the caller: retry it, move on, or give up. */
        void failedBeforeFirstPartial(Attempt attempt, RuntimeException failure) {
            Duration wait = router.retryWait(attempt.retries, attempt.retry, failure);
            if (wait != null && router.sleep(wait) && attempt.route.tryAcquire()) {
                new Attempt(this, attempt.route, attempt.retries, attempt.retry + 1).start();
                return;
            }
            if (!walk.goesOnAfter(failure)) {
                withLoggingExceptions(() -> handler.onError(walk.surfaced()));
                return;
            }
            next();
        }
    }

    /** One try of one model; forwards everything, and decides what a failure means. */
    private final class Attempt implements StreamingChatResponseHandler {

        private final Call call;
        private final Route<StreamingChatModel> route;
        private final RetryPolicy retries;
        private final int retry;
        private final long start = router.nanoTime.getAsLong();
        private volatile boolean delivered;
        private volatile boolean finished;

        Attempt(Call call, Route<StreamingChatModel> route, RetryPolicy retries, int retry) {
            this.call = call;
            this.route = route;
            this.retries = retries;
            this.retry = retry;
        }

        void start() {
            try {
                router.observations.stream(
                        () -> Router.attemptObservation(route, call.request, true),
                        this,
                        call.observation,
                        observed -> route.model.chat(call.request, observed));
            } catch (RuntimeException failure) {
                onError(failure);
            }
        }

        @Override
        public void onPartialResponse(String partialResponse) {
            delivered = true;
            forward(() -> call.handler.onPartialResponse(partialResponse));
        }

        @Override
        public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
            delivered = true;
            forward(() -> call.handler.onPartialResponse(
                    partialResponse, new PartialResponseContext(routed(context.streamingHandle()))));
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking) {
            delivered = true;
            forward(() -> call.handler.onPartialThinking(partialThinking));
        }

        @Override
        public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
            delivered = true;
            forward(() -> call.handler.onPartialThinking(
                    partialThinking, new PartialThinkingContext(routed(context.streamingHandle()))));
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall) {
            delivered = true;
            forward(() -> call.handler.onPartialToolCall(partialToolCall));
        }

        @Override
        public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
            delivered = true;
            forward(() -> call.handler.onPartialToolCall(
                    partialToolCall, new PartialToolCallContext(routed(context.streamingHandle()))));
        }

        @Override
        public void onCompleteToolCall(CompleteToolCall completeToolCall) {
            delivered = true;
            forward(() -> call.handler.onCompleteToolCall(completeToolCall));
        }

        @Override
        public void onUnmappedRawEvent(Object rawEvent) {
            forward(() -> call.handler.onUnmappedRawEvent(rawEvent));
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            if (finished) {
                return;
            }
            finished = true;
            long nanos = router.nanoTime.getAsLong() - start;
            router.answered(route, completeResponse, nanos);
            call.log.answered(route, nanos);
            ChatResponse routed = Router.withTrace(completeResponse, call.log.trace(route.label));
            forward(() -> call.handler.onCompleteResponse(routed));
        }

        /**
         * The streaming model's handle, so the caller's cancel reaches it; a cancelled call says nothing about the
         * model's health, so its breaker permit is handed back (a half-open probe would otherwise hold it for good).
         */
        private StreamingHandle routed(StreamingHandle handle) {
            return new StreamingHandle() {
                @Override
                public void cancel() {
                    handle.cancel();
                    if (!finished) {
                        finished = true;
                        if (route.breaker != null) {
                            route.breaker.releasePermission();
                        }
                    }
                }

                @Override
                public boolean isCancelled() {
                    return handle.isCancelled();
                }
            };
        }

        /**
         * Calls the caller's callback; an exception it throws goes to the caller's {@code onError} (LangChain4j's
         * contract) and never back to the model, which would take it for a failure of its own.
         */
        private void forward(Runnable callback) {
            try {
                callback.run();
            } catch (RuntimeException callbackFailure) {
                withLoggingExceptions(() -> call.handler.onError(callbackFailure));
            }
        }

        @Override
        public void onError(Throwable error) {
            if (finished) {
                return;
            }
            RuntimeException failure =
                    error instanceof RuntimeException runtime ? runtime : new IllegalStateException(error);
            if (delivered) {
                // partial output already reached the caller: switching models now would duplicate or lose text
                finished = true;
                long nanos = router.nanoTime.getAsLong() - start;
                router.recordFailure(route, failure, nanos);
                call.log.failed(route, failure, nanos);
                withLoggingExceptions(() -> call.handler.onError(failure));
                return;
            }
            finished = true;
            long nanos = router.nanoTime.getAsLong() - start;
            router.recordFailure(route, failure, nanos);
            call.log.failed(route, failure, nanos);
            call.failedBeforeFirstPartial(this, failure);
        }
    }

    public List<RouteHealth> health() {
        return router.health();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return router.listeners;
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return router.capabilities;
    }

    @Override
    public String toString() {
        return "RoutingStreamingChatModel" + router.health();
    }

    public static class RoutingStreamingChatModelBuilder
            extends RouterBuilder<StreamingChatModel, RoutingStreamingChatModelBuilder> {

        public RoutingStreamingChatModelBuilder() {
            // public so it can be extended
        }

        @Override
        protected String labelOf(StreamingChatModel model, int position) {
            if (model instanceof AisaStreamingChatModel aisa) {
                return aisa.modelName();
            }
            return model instanceof AisaGeminiStreamingChatModel gemini ? gemini.modelName() : "route-" + position;
        }

        @Override
        protected StreamingChatModel adapt(StreamingChatModel model) {
            return withoutOwnRetries(model);
        }

        static StreamingChatModel withoutOwnRetries(StreamingChatModel model) {
            if (model instanceof AisaStreamingChatModel aisa
                    && aisa.retryPolicy().maxRetries() > 0) {
                return aisa.withRetryPolicy(RetryPolicy.none());
            }
            return model instanceof AisaGeminiStreamingChatModel gemini
                            && gemini.retryPolicy().maxRetries() > 0
                    ? gemini.withRetryPolicy(RetryPolicy.none())
                    : model;
        }

        public RoutingStreamingChatModel build() {
            return new RoutingStreamingChatModel(this);
        }
    }
}

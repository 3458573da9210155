package one.aisa.langchain4j.observation;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.concurrent.CancellationException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.function.Supplier;
import one.aisa.langchain4j.internal.ForwardingStreamingHandler;

/**
 * Runs a chat call inside its observation: the way the models, routers and caches of this library observe, with the
 * rules that keep one observation per logical call. A logical call is observed only where no chat observation is
 * under way already: a router inside a cache, or a model inside a router's attempt, adds no second one. An attempt
 * is always observed, as a child of its call.
 */
public final class ChatObservations {

    private static final DefaultChatObservationConvention DEFAULT = new DefaultChatObservationConvention();

    private final ObservationRegistry registry;
    private final ChatObservationConvention convention;
    private final AttemptConvention attemptConvention;

    /**
     * @param registry where to observe; null observes nothing
     * @param convention the names and key values; null for {@link DefaultChatObservationConvention}
     */
    public ChatObservations(ObservationRegistry registry, ChatObservationConvention convention) {
        this.registry = registry == null ? ObservationRegistry.NOOP : registry;
        this.convention = convention;
        this.attemptConvention = new AttemptConvention(convention == null ? DEFAULT : convention);
    }

    /** Whether anything is observed. */
    public boolean enabled() {
        return !registry.isNoop();
    }

    /** The observation under way on this thread, if it is a chat observation. */
    public Observation current() {
        Observation current = registry.getCurrentObservation();
        return current != null && current.getContext() instanceof ChatObservationContext ? current : null;
    }

    /**
     * A blocking call, observed unless a chat observation is under way (then the call is part of it). The context is
     * made only when something observes.
     */
    public ChatResponse call(Supplier<ChatObservationContext> toObserve, Supplier<ChatResponse> call) {
        ChatObservationContext context = unlessUnderWay(toObserve);
        if (context == null) {
            return call.get();
        }
        Observation observation = create(context, null);
        return observation.observe(() -> {
            ChatResponse response = call.get();
            context.response(response);
            return response;
        });
    }

    /**
     * A streaming call: {@code start} is given the handler to call the model with, and runs with the observation
     * in scope; the observation ends with the stream. Unobserved (the caller's handler as it is) when a chat
     * observation is under way and this is a logical call.
     *
     * @param parent the logical call of an attempt started on another thread than the call's; else null
     */
    public void stream(
            Supplier<ChatObservationContext> toObserve,
            StreamingChatResponseHandler handler,
            Observation parent,
            Consumer<StreamingChatResponseHandler> start) {
        ChatObservationContext context = unlessUnderWay(toObserve);
        if (context == null) {
            start.accept(handler);
            return;
        }
        Observation observation = create(context, parent).start();
        ObservedHandler observed = new ObservedHandler(handler, observation, context);
        try (Observation.Scope scope = observation.openScope()) {
            start.accept(observed);
        } catch (RuntimeException failure) {
            observed.end(failure);
            throw failure;
        }
    }

    /** The context to observe, or null: nothing observes, or a logical call is already under way. */
    private ChatObservationContext unlessUnderWay(Supplier<ChatObservationContext> toObserve) {
        if (!enabled()) {
            return null;
        }
        ChatObservationContext context = toObserve.get();
        return context.kind() == ChatObservationContext.Kind.CALL && current() != null ? null : context;
    }

    private Observation create(ChatObservationContext context, Observation parent) {
        Observation observation = context.kind() == ChatObservationContext.Kind.ATTEMPT
                ? Observation.createNotStarted(attemptConvention, () -> context, registry)
                : Observation.createNotStarted(convention, DEFAULT, () -> context, registry);
        if (parent != null) {
            observation.parentObservation(parent);
        }
        return observation;
    }

    /** A convention's key values under the attempt's own name, so that attempts and calls are timed apart. */
    private record AttemptConvention(ChatObservationConvention convention) implements ChatObservationConvention {

        @Override
        public String getName() {
            return DefaultChatObservationConvention.ATTEMPT;
        }

        @Override
        public String getContextualName(ChatObservationContext context) {
            return convention.getContextualName(context);
        }

        @Override
        public io.micrometer.common.KeyValues getLowCardinalityKeyValues(ChatObservationContext context) {
            return convention.getLowCardinalityKeyValues(context);
        }

        @Override
        public io.micrometer.common.KeyValues getHighCardinalityKeyValues(ChatObservationContext context) {
            return convention.getHighCardinalityKeyValues(context);
        }
    }

    /** Forwards every callback; notes the chunks' times; ends the observation with the stream. */
    private static final class ObservedHandler extends ForwardingStreamingHandler {

        private final Observation observation;
        private final ChatObservationContext context;
        private final AtomicBoolean ended = new AtomicBoolean();

        ObservedHandler(StreamingChatResponseHandler handler, Observation observation, ChatObservationContext context) {
            super(handler);
            this.observation = observation;
            this.context = context;
        }

        @Override
        protected void partial(String text) {
            context.chunk(System.nanoTime());
        }

        /** Cancelled by the caller: no end will come, so the observation ends now. */
        @Override
        protected void cancelled() {
            end(new CancellationException("the caller cancelled the stream"));
        }

        @Override
        public void onCompleteResponse(ChatResponse completeResponse) {
            context.response(completeResponse);
            end(null);
            handler.onCompleteResponse(completeResponse);
        }

        @Override
        public void onError(Throwable error) {
            end(error);
            handler.onError(error);
        }

        /** Ends the observation once, before the caller hears the end (so a test or a trace sees it closed). */
        void end(Throwable error) {
            if (ended.compareAndSet(false, true)) {
                if (error != null) {
                    observation.error(error);
                }
                observation.stop();
            }
        }
    }
}

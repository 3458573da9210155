package one.aisa.langchain4j.cache;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import io.micrometer.observation.ObservationRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import one.aisa.langchain4j.observation.ChatObservationConvention;
import one.aisa.langchain4j.observation.ChatObservations;

/**
 * The settings {@link CachingChatModel} and {@link CachingStreamingChatModel} share.
 *
 * @param <M> the kind of model cached
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class CachingModelBuilder<M, B extends CachingModelBuilder<M, B>> {

    M model;
    ResponseCache cache;
    SemanticCache semantic;
    String name;
    Clock clock = Clock.systemUTC();
    List<ChatModelListener> listeners = List.of();
    ObservationRegistry observationRegistry;
    ChatObservationConvention observationConvention;

    protected CachingModelBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The model whose answers are cached: any model, a router included. Required. */
    public B model(M model) {
        this.model = model;
        return self();
    }

    /**
     * Where answers are kept. Default: a new {@link InMemoryResponseCache} with its defaults. One cache may serve a
     * blocking and a streaming caching model of the same AIsa model: each serves what the other stored.
     */
    public B cache(ResponseCache cache) {
        this.cache = cache;
        return self();
    }

    /**
     * Also serves a request whose last user message means the same as a stored one's (see {@link SemanticCache}
     * for what a semantic hit requires). Default: exact matches only.
     */
    public B semantic(SemanticCache semantic) {
        this.semantic = semantic;
        return self();
    }

    /**
     * The name the model is known by in keys. AIsa models have one (route, gateway and model name); any other
     * model is known by its instance, so give it a name to share a cache across instances or restarts.
     */
    public B name(String name) {
        this.name = name;
        return self();
    }

    /** The clock that dates entries (for their age). Default: the system clock. For tests. */
    public B clock(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
        return self();
    }

    /** Listeners told of every call, a hit included (its response says it is one). */
    public B listeners(List<ChatModelListener> listeners) {
        this.listeners = listeners == null ? List.of() : List.copyOf(listeners);
        return self();
    }

    /**
     * Observes each call ({@code gen_ai.client.operation}, with {@code aisa.cache.hit}); a router or model inside,
     * observed with the same registry, adds its attempts beneath it and no second call. Default: none.
     */
    public B observationRegistry(ObservationRegistry observationRegistry) {
        this.observationRegistry = observationRegistry;
        return self();
    }

    /** The observation's names and key values. Default {@code DefaultChatObservationConvention}. */
    public B observationConvention(ChatObservationConvention observationConvention) {
        this.observationConvention = observationConvention;
        return self();
    }

    /** What both caching models hold, resolved from these settings. */
    CacheCore core() {
        Objects.requireNonNull(model, "model: give the model to cache, e.g. model(chatModel)");
        return new CacheCore(
                cache != null ? cache : InMemoryResponseCache.builder().build(),
                semantic,
                CacheKeys.identity(model, name),
                clock,
                listeners,
                new ChatObservations(observationRegistry, observationConvention),
                name);
    }
}

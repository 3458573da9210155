package one.aisa.langchain4j.cache;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A {@link StreamingChatModel} that answers a repeated request from a {@link ResponseCache}, as
 * {@link CachingChatModel} does. A hit is replayed as a stream: thinking, the text in the pieces it first came in,
 * each tool call, then the complete response, in the handler's usual order. A miss is stored only once its stream
 * completed cleanly: never a failed, cut or cancelled one. Identical requests made at the same time share one call;
 * the others are replayed from the cache when it ends, or call the model themselves if it was not stored.
 */
public class CachingStreamingChatModel implements StreamingChatModel {

    private final StreamingChatModel model;
    private final CacheCore core;

    protected CachingStreamingChatModel(Builder builder) {
        this.core = builder.core();
        this.model = builder.model;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model whose answers are cached (for health checks and metrics that look inside the wrapper). */
    public StreamingChatModel cachedModel() {
        return model;
    }

    /** The cache this model reads and writes. */
    public ResponseCache cache() {
        return core.cache();
    }

    /** Observed when built with an {@code observationRegistry}; then as {@link StreamingChatModel#chat}. */
    @Override
    public void chat(ChatRequest request, StreamingChatResponseHandler handler) {
        core.observations().stream(
                () -> core.observation(request, model.defaultRequestParameters(), true),
                handler,
                null,
                observed -> StreamingChatModel.super.chat(request, observed));
    }

    @Override
    public void doChat(ChatRequest request, StreamingChatResponseHandler handler) {
        ChatRequest forModel = CachedAnswers.forModel(request);
        if (CachedAnswers.skips(request)) {
            model.chat(forModel, handler);
            return;
        }
        String key = core.key(model.defaultRequestParameters(), forModel);
        if (replayed(key, handler)) {
            return;
        }
        Optional<SemanticCache.Lookup> lookup = core.semanticLookup(model.defaultRequestParameters(), forModel);
        Optional<CacheCore.Hit> similar = lookup.flatMap(core::semanticHit);
        if (similar.isPresent()) {
            Replay.of(similar.get().stored(), similar.get().served()).to(handler);
            return;
        }
        SingleFlight.Flight flight = core.flights().join(key);
        if (!flight.leads()) {
            // when the leader is done: a replay of its answer if it was stored, else this caller tries to lead
            flight.done().whenComplete((ignored, failure) -> {
                if (!replayed(key, handler)) {
                    doChat(request, handler);
                }
            });
            return;
        }
        try {
            model.chat(
                    forModel,
                    new RecordingHandler(
                            handler,
                            flight,
                            answer -> {
                                core.cache().put(key, answer);
                                lookup.ifPresent(found -> found.remember(key));
                            },
                            core.clock()));
        } catch (RuntimeException e) {
            flight.land();
            throw e;
        }
    }

    private boolean replayed(String key, StreamingChatResponseHandler handler) {
        Optional<CacheCore.Hit> hit = core.hit(key);
        hit.ifPresent(found -> Replay.of(found.stored(), found.served()).to(handler));
        return hit.isPresent();
    }

    @Override
    public List<ChatModelListener> listeners() {
        return core.listeners();
    }

    @Override
    public Set<Capability> supportedCapabilities() {
        return model.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "CachingStreamingChatModel{model=" + model + ", entries="
                + core.cache().estimatedSize() + '}';
    }

    public static class Builder extends CachingModelBuilder<StreamingChatModel, Builder> {

        protected Builder() {}

        public CachingStreamingChatModel build() {
            return new CachingStreamingChatModel(this);
        }
    }
}

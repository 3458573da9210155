package one.aisa.langchain4j.cache;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;

/**
 * A {@link ChatModel} that answers a repeated request from a {@link ResponseCache} instead of calling its model:
 * any model, a router included. The key covers everything that can change the answer (the model, every message,
 * tools, tool choice, response format and every parameter), so a changed system prompt, tool or parameter is never
 * served another request's answer. Errors, answers cut at the length limit or by a content filter, empty answers
 * and requests marked {@link CacheRequestParameters#noCache()} are not stored. Identical requests made at the same
 * time share one call to the model. A hit says so in {@code AisaChatResponseMetadata.cacheHit()}.
 *
 * <pre>{@code
 * ChatModel cached = CachingChatModel.builder()
 *         .model(AisaChatModel.builder().modelName("gpt-4o-mini").build())
 *         .build();   // in memory: 10,000 entries, one hour
 * }</pre>
 */
public class CachingChatModel implements ChatModel {

    private final ChatModel model;
    private final CacheCore core;

    protected CachingChatModel(Builder builder) {
        this.core = builder.core();
        this.model = builder.model;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The model whose answers are cached (for health checks and metrics that look inside the wrapper). */
    public ChatModel cachedModel() {
        return model;
    }

    /** The cache this model reads and writes. */
    public ResponseCache cache() {
        return core.cache();
    }

    /** Observed when built with an {@code observationRegistry}; then as {@link ChatModel#chat(ChatRequest)}. */
    @Override
    public ChatResponse chat(ChatRequest request) {
        return core.observations()
                .call(
                        () -> core.observation(request, model.defaultRequestParameters(), false),
                        () -> ChatModel.super.chat(request));
    }

    @Override
    public ChatResponse doChat(ChatRequest request) {
        if (CachedAnswers.skips(request)) {
            return model.chat(CachedAnswers.forModel(request));
        }
        ChatRequest forModel = CachedAnswers.forModel(request);
        String key = core.key(model.defaultRequestParameters(), forModel);
        Optional<ChatResponse> hit = hit(key);
        if (hit.isPresent()) {
            return hit.get();
        }
        Optional<SemanticCache.Lookup> lookup = core.semanticLookup(model.defaultRequestParameters(), forModel);
        Optional<CacheCore.Hit> similar = lookup.flatMap(core::semanticHit);
        if (similar.isPresent()) {
            return similar.get().served();
        }
        SingleFlight.Flight flight = core.flights().join(key);
        if (!flight.leads()) {
            // when the leader is done: its answer if it was stored, else this caller tries to lead
            awaitLeader(flight);
            return hit(key).orElseGet(() -> doChat(request));
        }
        try {
            ChatResponse response = model.chat(forModel);
            if (CachedAnswers.storable(response)) {
                core.cache().put(key, CachedAnswers.stored(response, List.of(), core.clock()));
                lookup.ifPresent(found -> found.remember(key));
            }
            return response;
        } finally {
            flight.land();
        }
    }

    private Optional<ChatResponse> hit(String key) {
        return core.hit(key).map(CacheCore.Hit::served);
    }

    private static void awaitLeader(SingleFlight.Flight flight) {
        try {
            flight.done().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CancellationException("interrupted while an identical request was answered");
        } catch (ExecutionException e) {
            // the leader's failure is its own: this caller asks the model itself
        }
    }

    @Override
    public List<ChatModelListener> listeners() {
        return core.listeners();
    }

    /** What the cached model supports. */
    @Override
    public java.util.Set<Capability> supportedCapabilities() {
        return model.supportedCapabilities();
    }

    @Override
    public String toString() {
        return "CachingChatModel{model=" + model + ", entries=" + core.cache().estimatedSize() + '}';
    }

    public static class Builder extends CachingModelBuilder<ChatModel, Builder> {

        protected Builder() {}

        public CachingChatModel build() {
            return new CachingChatModel(this);
        }
    }
}

package one.aisa.langchain4j.cache;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import one.aisa.langchain4j.CacheHit;
import one.aisa.langchain4j.observation.ChatObservationContext;
import one.aisa.langchain4j.observation.ChatObservations;

/** What a caching model holds: its cache, the model's identity in keys, its clock and listeners, its flights. */
record CacheCore(
        ResponseCache cache,
        SemanticCache semantic,
        String identity,
        Clock clock,
        List<ChatModelListener> listeners,
        ChatObservations observations,
        String name,
        SingleFlight flights) {

    CacheCore(
            ResponseCache cache,
            SemanticCache semantic,
            String identity,
            Clock clock,
            List<ChatModelListener> listeners,
            ChatObservations observations,
            String name) {
        this(cache, semantic, identity, clock, listeners, observations, name, new SingleFlight());
    }

    /** The observation of one call: the model the request names, else the cached model's, else the cache's name. */
    ChatObservationContext observation(ChatRequest request, ChatRequestParameters modelDefaults, boolean streaming) {
        String requested =
                request.parameters() == null ? null : request.parameters().modelName();
        if (requested == null && modelDefaults != null) {
            requested = modelDefaults.modelName();
        }
        return new ChatObservationContext(
                ChatObservationContext.Kind.CALL, request, requested != null ? requested : name, streaming);
    }

    /** A semantic lookup, when semantic matching is on and the request ends with a user message of text alone. */
    Optional<SemanticCache.Lookup> semanticLookup(ChatRequestParameters modelDefaults, ChatRequest forModel) {
        if (semantic == null) {
            return Optional.empty();
        }
        String context = CacheKeys.context(identity, modelDefaults, forModel);
        return context == null
                ? Optional.empty()
                : Optional.of(semantic.lookup(context, CacheKeys.lastUserText(forModel)));
    }

    /** The stored answer a semantic lookup matched, as a semantic hit (none when it has expired meanwhile). */
    Optional<Hit> semanticHit(SemanticCache.Lookup lookup) {
        return lookup.matchedKey()
                .flatMap(cache::get)
                .map(answer -> new Hit(answer, CachedAnswers.served(answer, CacheHit.Kind.SEMANTIC, clock)));
    }

    /** The key of a request as the model gets it, over the model's own defaults. */
    String key(ChatRequestParameters modelDefaults, ChatRequest forModel) {
        return CacheKeys.exact(identity, modelDefaults, forModel);
    }

    /** The stored answer for this key as a hit, with the stored answer itself. */
    Optional<Hit> hit(String key) {
        return cache.get(key).map(answer -> new Hit(answer, CachedAnswers.served(answer, CacheHit.Kind.EXACT, clock)));
    }

    /** A stored answer and how it is served. */
    record Hit(CachedAnswer stored, ChatResponse served) {}
}

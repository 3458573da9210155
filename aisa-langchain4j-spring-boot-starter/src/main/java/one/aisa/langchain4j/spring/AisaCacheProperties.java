package one.aisa.langchain4j.spring;

import dev.langchain4j.model.embedding.EmbeddingModel;
import java.time.Duration;
import one.aisa.langchain4j.cache.InMemoryResponseCache;
import one.aisa.langchain4j.cache.ResponseCache;
import one.aisa.langchain4j.cache.SemanticCache;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Response caching: when on, both model beans answer a repeated request from one shared {@link ResponseCache} bean
 * (in memory by default; define your own bean for another store). The core builder checks the values.
 *
 * @param enabled Whether the model beans answer repeated requests from the cache.
 * @param ttl How long an answer is served after it was stored; unset means 1 hour.
 * @param maxEntries The most answers held in memory; unset means 10000.
 * @param semantic Semantic matching: also serve a request whose last user message means the same as a stored one's.
 */
public record AisaCacheProperties(
        Boolean enabled,
        Duration ttl,
        Long maxEntries,
        @NestedConfigurationProperty @DefaultValue AisaSemanticCacheProperties semantic) {

    /**
     * Semantic matching, with the application's {@code EmbeddingModel} bean (e.g. LangChain4j's in-process
     * {@code AllMiniLmL6V2QuantizedEmbeddingModel}).
     *
     * @param enabled Whether a request may be served the answer of a stored one that means the same.
     * @param threshold The cosine similarity a semantic hit needs, in (0, 1]; unset means 0.92.
     */
    public record AisaSemanticCacheProperties(Boolean enabled, Double threshold) {

        /** Whether semantic matching is on. */
        public boolean isEnabled() {
            return Boolean.TRUE.equals(enabled);
        }
    }

    /** Whether caching is on. */
    public boolean isEnabled() {
        return Boolean.TRUE.equals(enabled);
    }

    /** The semantic matcher these settings describe, over the application's embedding model. */
    SemanticCache semanticCache(EmbeddingModel embeddingModel) {
        SemanticCache.Builder builder = SemanticCache.builder().embeddingModel(embeddingModel);
        if (semantic.threshold() != null) {
            builder.threshold(semantic.threshold());
        }
        if (ttl != null) {
            builder.ttl(ttl);
        }
        return builder.build();
    }

    /** The in-memory cache these settings describe; the builder's errors name the property through the caller. */
    ResponseCache inMemoryCache() {
        InMemoryResponseCache.Builder builder = InMemoryResponseCache.builder();
        if (ttl != null) {
            builder.ttl(ttl);
        }
        if (maxEntries != null) {
            builder.maxEntries(maxEntries);
        }
        return builder.build();
    }
}

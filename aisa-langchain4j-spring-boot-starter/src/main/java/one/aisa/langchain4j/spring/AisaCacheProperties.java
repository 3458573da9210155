package one.aisa.langchain4j.spring;

import java.time.Duration;
import one.aisa.langchain4j.cache.InMemoryResponseCache;
import one.aisa.langchain4j.cache.ResponseCache;

/**
 * Response caching: when on, both model beans answer a repeated request from one shared {@link ResponseCache} bean
 * (in memory by default; define your own bean for another store). The core builder checks the values.
 *
 * @param enabled Whether the model beans answer repeated requests from the cache.
 * @param ttl How long an answer is served after it was stored; unset means 1 hour.
 * @param maxEntries The most answers held in memory; unset means 10000.
 */
public record AisaCacheProperties(Boolean enabled, Duration ttl, Long maxEntries) {

    /** Whether caching is on. */
    public boolean isEnabled() {
        return Boolean.TRUE.equals(enabled);
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

package one.aisa.langchain4j.cache;

import java.util.Optional;

/**
 * Where cached answers live: in memory ({@link InMemoryResponseCache}, the default) or in a store shared by several
 * instances. Keys are opaque hex digests made by the caching models; a store only keeps and expires entries.
 */
public interface ResponseCache {

    /** The answer stored under {@code key}, unless there is none or it has expired. */
    Optional<CachedAnswer> get(String key);

    /** Stores (or replaces) the answer under {@code key}. */
    void put(String key, CachedAnswer answer);

    /** Drops every entry. */
    void invalidateAll();

    /** About how many entries are held (expired ones may still count until they are cleaned up). */
    long estimatedSize();
}

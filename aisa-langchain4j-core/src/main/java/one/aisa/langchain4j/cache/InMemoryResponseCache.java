package one.aisa.langchain4j.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The default {@link ResponseCache}: a Caffeine cache in this process, bounded by entries (least recently and
 * frequently used go first) and by time to live after writing.
 *
 * <pre>{@code
 * ResponseCache cache = InMemoryResponseCache.builder().maxEntries(5_000).ttl(Duration.ofMinutes(30)).build();
 * }</pre>
 */
public final class InMemoryResponseCache implements ResponseCache {

    /** The default bound on entries. */
    public static final long DEFAULT_MAX_ENTRIES = 10_000;
    /** The default time to live. */
    public static final Duration DEFAULT_TTL = Duration.ofHours(1);

    private final Cache<String, CachedAnswer> entries;

    private InMemoryResponseCache(Builder builder) {
        this.entries = bounded(builder.maxEntries, builder.ttl, builder.clock);
    }

    /**
     * A Caffeine cache of at most {@code maxSize} entries, each kept {@code ttl} after it was written, on
     * {@code clock} (so tests control expiry), its upkeep run on the caller's thread. Also the semantic index's.
     */
    static <K, V> Cache<K, V> bounded(long maxSize, Duration ttl, Clock clock) {
        return Caffeine.newBuilder()
                .maximumSize(maxSize)
                .expireAfterWrite(ttl)
                .ticker(() -> TimeUnit.MILLISECONDS.toNanos(clock.millis()))
                .executor(Runnable::run)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<CachedAnswer> get(String key) {
        return Optional.ofNullable(entries.getIfPresent(key));
    }

    @Override
    public void put(String key, CachedAnswer answer) {
        entries.put(key, answer);
    }

    @Override
    public void invalidateAll() {
        entries.invalidateAll();
    }

    @Override
    public long estimatedSize() {
        return entries.estimatedSize();
    }

    public static final class Builder {

        private long maxEntries = DEFAULT_MAX_ENTRIES;
        private Duration ttl = DEFAULT_TTL;
        private Clock clock = Clock.systemUTC();

        private Builder() {}

        /** The most entries held. Default {@value #DEFAULT_MAX_ENTRIES}. */
        public Builder maxEntries(long maxEntries) {
            if (maxEntries < 1) {
                throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries
                        + ": to cache nothing, do not wrap the model.");
            }
            this.maxEntries = maxEntries;
            return this;
        }

        /** How long an answer is served after it was stored. Default 1 hour. */
        public Builder ttl(Duration ttl) {
            Objects.requireNonNull(ttl, "ttl");
            if (ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException(
                        "ttl must be positive, was " + ttl + ": e.g. ttl(Duration.ofMinutes(30)).");
            }
            this.ttl = ttl;
            return this;
        }

        /** The clock entries expire by. Default: the system clock. For tests. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        public InMemoryResponseCache build() {
            return new InMemoryResponseCache(this);
        }
    }
}

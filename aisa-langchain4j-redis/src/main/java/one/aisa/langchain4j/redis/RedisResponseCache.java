package one.aisa.langchain4j.redis;

import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.ScanCursor;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import one.aisa.langchain4j.cache.CachedAnswer;
import one.aisa.langchain4j.cache.ResponseCache;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ResponseCache} in Redis, so that every instance of an application serves what any of them stored. Each
 * answer is one key under the application's prefix with a time to live; an answer larger than the size cap
 * (default 256 KB) is not stored. The total is bounded by Redis itself: give it a {@code maxmemory} and an eviction
 * policy ({@code volatile-ttl} or {@code allkeys-lru}). If Redis does not answer within the timeout (default 50 ms),
 * a lookup is a miss and a store is skipped: the call goes on, and one warning is logged per outage.
 */
public final class RedisResponseCache implements ResponseCache {

    private static final Logger LOG = LoggerFactory.getLogger(RedisResponseCache.class);

    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private final Duration ttl;
    private final int maxEntryBytes;
    private final Outage outage;

    private RedisResponseCache(Builder builder) {
        this.connection = builder.timedConnection();
        this.prefix = builder.keyPrefix + ":cache:";
        this.ttl = builder.ttl;
        this.maxEntryBytes = builder.maxEntryBytes;
        this.outage = new Outage(LOG, "the shared response cache", "calls go on uncached");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Optional<CachedAnswer> get(String key) {
        try {
            String stored = connection.sync().get(prefix + key);
            outage.answered();
            return stored == null ? Optional.empty() : Optional.of(CachedAnswerCodec.read(stored));
        } catch (RuntimeException failure) {
            outage.failed(failure);
            return Optional.empty();
        }
    }

    @Override
    public void put(String key, CachedAnswer answer) {
        String json = CachedAnswerCodec.write(answer);
        if (json.getBytes(StandardCharsets.UTF_8).length > maxEntryBytes) {
            return;
        }
        try {
            connection.sync().set(prefix + key, json, SetArgs.Builder.px(ttl.toMillis()));
            outage.answered();
        } catch (RuntimeException failure) {
            outage.failed(failure);
        }
    }

    @Override
    public void invalidateAll() {
        RedisCommands<String, String> redis = connection.sync();
        ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(500);
        KeyScanCursor<String> cursor = redis.scan(match);
        while (true) {
            if (!cursor.getKeys().isEmpty()) {
                redis.del(cursor.getKeys().toArray(String[]::new));
            }
            if (cursor.isFinished()) {
                return;
            }
            cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
        }
    }

    @Override
    public long estimatedSize() {
        try {
            RedisCommands<String, String> redis = connection.sync();
            ScanArgs match = ScanArgs.Builder.matches(prefix + "*").limit(500);
            KeyScanCursor<String> cursor = redis.scan(match);
            long count = cursor.getKeys().size();
            while (!cursor.isFinished()) {
                cursor = redis.scan(ScanCursor.of(cursor.getCursor()), match);
                count += cursor.getKeys().size();
            }
            return count;
        } catch (RuntimeException failure) {
            outage.failed(failure);
            return 0;
        }
    }

    /** Whether the last call to Redis failed. */
    public boolean inOutage() {
        return outage.active();
    }

    public static final class Builder extends RedisPartBuilder<Builder> {

        private Duration ttl = Duration.ofHours(1);
        private int maxEntryBytes = 256 * 1024;

        private Builder() {}

        /** How long an answer is served after it was stored. Default 1 hour. */
        public Builder ttl(Duration ttl) {
            if (ttl == null || ttl.isNegative() || ttl.isZero()) {
                throw new IllegalArgumentException("ttl must be positive, was " + ttl);
            }
            this.ttl = ttl;
            return this;
        }

        /** The largest answer stored, in bytes of JSON. Default 256 KB. */
        public Builder maxEntryBytes(int maxEntryBytes) {
            this.maxEntryBytes = maxEntryBytes;
            return this;
        }

        public RedisResponseCache build() {
            return new RedisResponseCache(this);
        }
    }
}

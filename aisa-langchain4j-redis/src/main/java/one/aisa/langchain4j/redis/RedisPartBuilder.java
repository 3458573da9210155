package one.aisa.langchain4j.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.Objects;

/**
 * What every shared part's builder takes: the connection, the application's key prefix and the timeout.
 *
 * @param <B> the concrete builder, returned by every setter
 */
public abstract class RedisPartBuilder<B extends RedisPartBuilder<B>> {

    StatefulRedisConnection<String, String> connection;
    String keyPrefix = "aisa";
    Duration timeout = Duration.ofMillis(50);

    RedisPartBuilder() {}

    @SuppressWarnings("unchecked")
    private B self() {
        return (B) this;
    }

    /** The connection to use; the part sets its command timeout. Required. */
    public B connection(StatefulRedisConnection<String, String> connection) {
        this.connection = connection;
        return self();
    }

    /** The application's prefix: two applications with different prefixes never share state. Default aisa. */
    public B keyPrefix(String keyPrefix) {
        this.keyPrefix = Objects.requireNonNull(keyPrefix, "keyPrefix");
        return self();
    }

    /** The longest any call waits on Redis before going on with this instance's own state. Default 50 ms. */
    public B timeout(Duration timeout) {
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        return self();
    }

    /** The connection, checked and with the timeout set. */
    StatefulRedisConnection<String, String> timedConnection() {
        Objects.requireNonNull(
                connection, "connection: give a Lettuce connection, e.g. RedisClient.create(url).connect()");
        connection.setTimeout(timeout);
        return connection;
    }
}

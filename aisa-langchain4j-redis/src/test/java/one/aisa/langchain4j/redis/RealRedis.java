package one.aisa.langchain4j.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import redis.embedded.RedisServer;

/**
 * A real {@code redis-server} for a test: the one {@code AISA_TEST_REDIS_URL} names, else Redis 6.2 started from the
 * binaries {@code embedded-redis} ships, on a free port. It can be stopped and started again, as in an outage.
 */
final class RealRedis implements AutoCloseable {

    private final int port;
    private final RedisServer server;
    private final RedisClient client;
    private final String url;
    private final List<StatefulConnection<String, String>> connections = new CopyOnWriteArrayList<>();

    RealRedis() throws IOException {
        String configured = System.getenv("AISA_TEST_REDIS_URL");
        if (configured != null && !configured.isBlank()) {
            this.port = -1;
            this.server = null;
            this.url = configured;
            this.client = RedisClient.create(configured);
        } else {
            this.port = freePort();
            this.server = RedisServer.newRedisServer()
                    .port(port)
                    .bind("127.0.0.1")
                    .setting("save \"\"")
                    .setting("appendonly no")
                    .build();
            server.start();
            this.url = "redis://127.0.0.1:" + port;
            this.client = RedisClient.create(url);
        }
        // a disconnected connection refuses commands at once instead of queueing them past the ledger's timeout
        client.setOptions(ClientOptions.builder()
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .build());
    }

    /** A new connection, as another instance of the application would hold. */
    StatefulRedisConnection<String, String> connect() {
        return made(client.connect());
    }

    /** A new publish/subscribe connection. */
    StatefulRedisPubSubConnection<String, String> connectPubSub() {
        return made(client.connectPubSub());
    }

    private <C extends StatefulConnection<String, String>> C made(C connection) {
        connections.add(connection);
        return connection;
    }

    /**
     * After {@link #start()}: waits until Lettuce has reconnected every connection made here (it retries on its own,
     * with a growing delay), at most 10 s. Waits on the connections themselves, not on a guess of how long that takes.
     */
    void awaitReconnected() {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!connections.stream().allMatch(StatefulConnection::isOpen)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Lettuce did not reconnect to the restarted Redis within 10 s");
            }
            Thread.onSpinWait();
        }
    }

    /** Where another process reaches this Redis. */
    String url() {
        return url;
    }

    boolean embedded() {
        return server != null;
    }

    void stop() throws IOException {
        server.stop();
    }

    void start() throws IOException {
        server.start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() throws IOException {
        client.shutdown();
        if (server != null) {
            server.stop();
        }
    }
}

package one.aisa.langchain4j.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import one.aisa.langchain4j.routing.SharedCircuitState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Circuit state in Redis, shared by every instance of an application. An open circuit is a key holding until when it
 * is open (with a time to live, so a forgotten one ends by itself). When the open period is over, the first instance
 * to ask takes the probe (a key set only if absent, with its own time to live, so a probe whose instance died is
 * taken again); the others skip the model until the probe ends: a success closes the circuit everywhere, a failure
 * opens it again.
 *
 * <p>Built with only a {@link #builder() connection}, each permit is one script, one round trip. Built with
 * {@link Builder#notifications(StatefulRedisPubSubConnection) notifications} as well, the instance also keeps a copy
 * of the open circuits: opening and closing publish to a channel, and the copy is loaded again whenever the
 * subscription (re)starts. A permit for a model with no open circuit then costs no round trip at all; the others
 * learn of an opened circuit within the one round trip of its message, and only a permit at the end of an open
 * period goes to Redis (for the probe). Keys are the truth and messages only news, so an instance that starts, or
 * reconnects, after a circuit opened still sees it; while the subscription is down, every permit asks Redis.
 *
 * <p>If Redis does not answer within the timeout (default 50 ms), the instance goes on with its own breaker (one
 * warning per outage).
 */
public final class RedisCircuitState implements SharedCircuitState {

    private static final Logger LOG = LoggerFactory.getLogger(RedisCircuitState.class);

    private static final String PERMIT = """
            local open_until = redis.call('GET', KEYS[1])
            if not open_until then return 'CALL' end
            if tonumber(open_until) > tonumber(ARGV[1]) then return 'SKIP' end
            if redis.call('SET', KEYS[2], ARGV[2], 'NX', 'PX', ARGV[3]) then return 'PROBE' end
            return 'SKIP'
            """;

    /** Opens: the key, the model in the index of open circuits, and the news. */
    private static final String OPEN = """
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('DEL', KEYS[2])
            redis.call('SADD', KEYS[3], ARGV[3])
            redis.call('PUBLISH', KEYS[4], 'open ' .. ARGV[1] .. ' ' .. ARGV[3])
            return 1
            """;

    private static final String CLOSE = """
            redis.call('DEL', KEYS[1], KEYS[2])
            redis.call('SREM', KEYS[3], ARGV[1])
            redis.call('PUBLISH', KEYS[4], 'closed 0 ' .. ARGV[1])
            return 1
            """;

    /** Every open circuit, as model, until, model, until...; drops the index's models whose key has expired. */
    private static final String OPEN_CIRCUITS = """
            local open = {}
            for _, model in ipairs(redis.call('SMEMBERS', KEYS[1])) do
              local open_until = redis.call('GET', ARGV[1] .. model .. ':open')
              if open_until then
                table.insert(open, model)
                table.insert(open, open_until)
              else
                redis.call('SREM', KEYS[1], model)
              end
            end
            return open
            """;

    private final StatefulRedisConnection<String, String> connection;
    private final StatefulRedisPubSubConnection<String, String> notifications;
    private final String prefix;
    private final String index;
    private final String channel;
    private final String instance = UUID.randomUUID().toString();
    private final long probeTimeoutMillis;
    private final long keepAfterMillis;
    private final Duration timeout;
    private final Outage outage;
    /** The open circuits as the notifications tell them: model to the end of its open period. */
    private final Map<String, Instant> knownOpen = new ConcurrentHashMap<>();

    private RedisCircuitState(Builder builder) {
        this.connection = builder.timedConnection();
        this.prefix = builder.keyPrefix + ":circuit:";
        this.index = prefix + "open";
        this.channel = prefix + "events";
        this.probeTimeoutMillis = builder.probeTimeout.toMillis();
        this.keepAfterMillis = builder.keepAfter.toMillis();
        this.timeout = builder.timeout;
        this.outage = new Outage(LOG, "the shared circuit state", "each instance goes on with its own breakers");
        this.notifications = builder.notifications;
        if (notifications != null) {
            notifications.addListener(new News());
            notifications.sync().subscribe(channel);
            reload();
        }
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Permit permit(String model, Instant now) {
        if (notifications != null && notifications.isOpen()) {
            Instant openUntil = knownOpen.get(model);
            if (openUntil == null) {
                return Permit.CALL;
            }
            if (openUntil.isAfter(now)) {
                return Permit.SKIP;
            }
        }
        try {
            String permit = connection
                    .sync()
                    .eval(
                            PERMIT,
                            ScriptOutputType.VALUE,
                            new String[] {openKey(model), probeKey(model)},
                            String.valueOf(now.toEpochMilli()),
                            instance,
                            String.valueOf(probeTimeoutMillis));
            outage.answered();
            if ("CALL".equals(permit)) {
                knownOpen.remove(model);
            }
            return Permit.valueOf(permit);
        } catch (RuntimeException failure) {
            outage.failed(failure);
            return Permit.CALL;
        }
    }

    @Override
    public void opened(String model, Instant until) {
        open(model, until);
    }

    @Override
    public void probeEnded(String model, boolean succeeded, Instant reopenUntil) {
        if (!succeeded) {
            open(model, reopenUntil);
            return;
        }
        knownOpen.remove(model);
        run(CLOSE, model);
    }

    /** Whether the last call to Redis failed. */
    public boolean inOutage() {
        return outage.active();
    }

    /** Whether this instance's copy holds the model's circuit as open (only with notifications). */
    boolean knowsOpen(String model) {
        return knownOpen.containsKey(model);
    }

    private void open(String model, Instant until) {
        knownOpen.put(model, until);
        long ttl = Math.max(1, until.toEpochMilli() - System.currentTimeMillis()) + keepAfterMillis;
        run(OPEN, String.valueOf(until.toEpochMilli()), String.valueOf(ttl), model);
    }

    /** Runs the open or close script on the model's keys. */
    private void run(String script, String... arguments) {
        String model = arguments[arguments.length - 1];
        try {
            connection
                    .sync()
                    .eval(
                            script,
                            ScriptOutputType.INTEGER,
                            new String[] {openKey(model), probeKey(model), index, channel},
                            arguments);
            outage.answered();
        } catch (RuntimeException failure) {
            outage.failed(failure);
        }
    }

    /** Loads the open circuits again: at the start, and when the subscription restarts after a lost connection. */
    private void reload() {
        connection
                .async()
                .<List<String>>eval(OPEN_CIRCUITS, ScriptOutputType.MULTI, new String[] {index}, prefix)
                .whenComplete((open, failure) -> {
                    if (failure != null) {
                        outage.failed(failure);
                        return;
                    }
                    Map<String, Instant> loaded = new HashMap<>();
                    for (int i = 0; i + 1 < open.size(); i += 2) {
                        loaded.put(open.get(i), Instant.ofEpochMilli(Long.parseLong(open.get(i + 1))));
                    }
                    knownOpen.keySet().retainAll(loaded.keySet());
                    knownOpen.putAll(loaded);
                })
                .toCompletableFuture()
                .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                .exceptionally(failure -> null)
                .join();
    }

    private String openKey(String model) {
        return prefix + model + ":open";
    }

    private String probeKey(String model) {
        return prefix + model + ":probe";
    }

    /** The channel's messages: {@code open <until> <model>} and {@code closed 0 <model>}. */
    private final class News extends RedisPubSubAdapter<String, String> {

        @Override
        public void message(String from, String message) {
            String[] parts = message.split(" ", 3);
            if (parts.length < 3) {
                return;
            }
            if ("open".equals(parts[0])) {
                knownOpen.put(parts[2], Instant.ofEpochMilli(Long.parseLong(parts[1])));
            } else if ("closed".equals(parts[0])) {
                knownOpen.remove(parts[2]);
            }
        }

        private final AtomicBoolean first = new AtomicBoolean(true);

        @Override
        public void subscribed(String to, long count) {
            // subscribed again after a lost connection: messages may have been missed meanwhile (the first time, the
            // constructor loads them)
            if (!first.getAndSet(false)) {
                CompletableFuture.runAsync(RedisCircuitState.this::reload);
            }
        }
    }

    public static final class Builder extends RedisPartBuilder<Builder> {

        private Duration probeTimeout = Duration.ofSeconds(30);
        private Duration keepAfter = Duration.ofHours(1);
        private StatefulRedisPubSubConnection<String, String> notifications;

        private Builder() {}

        /** How long one instance holds the probe before another may take it. Default 30 s. */
        public Builder probeTimeout(Duration probeTimeout) {
            this.probeTimeout = Objects.requireNonNull(probeTimeout, "probeTimeout");
            return this;
        }

        /** How long an open circuit's key outlives its open period, waiting for a probe. Default 1 hour. */
        public Builder keepAfter(Duration keepAfter) {
            this.keepAfter = Objects.requireNonNull(keepAfter, "keepAfter");
            return this;
        }

        /**
         * A publish/subscribe connection (e.g. {@code client.connectPubSub()}) on which the instance hears of circuits
         * opened and closed elsewhere, so that a permit for a model with no open circuit costs no round trip.
         * Optional: without it, every permit asks Redis.
         */
        public Builder notifications(StatefulRedisPubSubConnection<String, String> notifications) {
            this.notifications = notifications;
            return this;
        }

        public RedisCircuitState build() {
            return new RedisCircuitState(this);
        }
    }
}

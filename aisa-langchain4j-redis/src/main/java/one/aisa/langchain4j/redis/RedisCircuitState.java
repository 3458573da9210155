package one.aisa.langchain4j.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import one.aisa.langchain4j.routing.SharedCircuitState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Circuit state in Redis, shared by every instance of an application. An open circuit is a key holding until when it
 * is open (with a time to live, so a forgotten one ends by itself); a permit is one script, one round trip. When the
 * open period is over, the first instance to ask takes the probe (a key set only if absent, with its own time to
 * live, so a probe whose instance died is taken again); the others skip the model until the probe ends: a success
 * closes the circuit everywhere, a failure opens it again.
 *
 * <p>A key with a time to live rather than pub/sub: an instance that starts, or reconnects, after a circuit opened
 * still sees it, and no message can be missed. If Redis does not answer within the timeout (default 50 ms), the
 * instance goes on with its own breaker (one warning per outage).
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

    private static final String OPEN = """
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('DEL', KEYS[2])
            return 1
            """;

    private final StatefulRedisConnection<String, String> connection;
    private final String prefix;
    private final String instance = UUID.randomUUID().toString();
    private final long probeTimeoutMillis;
    private final long keepAfterMillis;
    private final Outage outage;

    private RedisCircuitState(Builder builder) {
        this.connection = builder.timedConnection();
        this.prefix = builder.keyPrefix + ":circuit:";
        this.probeTimeoutMillis = builder.probeTimeout.toMillis();
        this.keepAfterMillis = builder.keepAfter.toMillis();
        this.outage = new Outage(LOG, "the shared circuit state", "each instance goes on with its own breakers");
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Permit permit(String model, Instant now) {
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
        try {
            connection.sync().del(openKey(model), probeKey(model));
            outage.answered();
        } catch (RuntimeException failure) {
            outage.failed(failure);
        }
    }

    /** Whether the last call to Redis failed. */
    public boolean inOutage() {
        return outage.active();
    }

    private void open(String model, Instant until) {
        long ttl = Math.max(1, until.toEpochMilli() - System.currentTimeMillis()) + keepAfterMillis;
        try {
            connection
                    .sync()
                    .eval(
                            OPEN,
                            ScriptOutputType.INTEGER,
                            new String[] {openKey(model), probeKey(model)},
                            String.valueOf(until.toEpochMilli()),
                            String.valueOf(ttl));
            outage.answered();
        } catch (RuntimeException failure) {
            outage.failed(failure);
        }
    }

    private String openKey(String model) {
        return prefix + model + ":open";
    }

    private String probeKey(String model) {
        return prefix + model + ":probe";
    }

    public static final class Builder extends RedisPartBuilder<Builder> {

        private Duration probeTimeout = Duration.ofSeconds(30);
        private Duration keepAfter = Duration.ofHours(1);

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

        public RedisCircuitState build() {
            return new RedisCircuitState(this);
        }
    }
}

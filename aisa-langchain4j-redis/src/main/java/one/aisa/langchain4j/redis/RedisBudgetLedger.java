package one.aisa.langchain4j.redis;

import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.routing.BudgetLedger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link BudgetLedger} in Redis, so that every instance of an application spends from one purse. Each call's cost
 * is one member of a sorted set scored by time and is added to a running total, both in one atomic script; another
 * takes out of the total what has left the window and returns it, so a read does not grow with the window. No
 * instance reads and then writes, so with N instances the spend passes the limit by at most what the calls already
 * under way when it was crossed cost.
 *
 * <p>A call makes two round trips: the read before it and the add after it. Built with
 * {@link Builder#writeSpendsInBackground(boolean) writeSpendsInBackground(true)}, it waits on one: the add is sent
 * without waiting for its answer (the spend is kept here until Redis confirms it). The price is a looser bound: a
 * call's spend reaches the other instances one round trip after the call returned, so the overspend can also include
 * each calling thread's last call, at most twice what the calls in flight cost.
 *
 * <pre>{@code
 * Budget budget = Budget.builder()
 *         .limit(new BigDecimal("5.00"))
 *         .window(Duration.ofDays(1))
 *         .ledger(RedisBudgetLedger.builder().connection(redis.connect()).keyPrefix("support-desk").build())
 *         .build();
 * }</pre>
 *
 * <p>When Redis is down, slow past the timeout (default 50 ms) or restarting, calls go on: the spend is kept here
 * and written to Redis as soon as it answers again (nothing is lost), and one warning is logged per outage. Meanwhile
 * the ledger fails closed by default (the budget reads as spent, so a {@code FAIL} budget refuses calls and a
 * {@code DOWNGRADE} one downgrades) or, when built {@code failOpen(true)}, answers with the last total Redis gave
 * plus what this instance spent since.
 */
public final class RedisBudgetLedger implements BudgetLedger {

    private static final Logger LOG = LoggerFactory.getLogger(RedisBudgetLedger.class);
    private static final int NANO_USD = 9;

    /**
     * The running total of the window, after taking out what has left it: only the spends older than the cutoff are
     * read, so a read costs the same at 100 or 100,000 spends in the window. Members are {@code <nano-USD>:<id>}.
     */
    private static final String SPENT_SINCE = """
            local leaving = redis.call('ZRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
            if #leaving > 0 then
              local gone = 0
              for _, member in ipairs(leaving) do
                gone = gone + tonumber(string.sub(member, 1, string.find(member, ':', 1, true) - 1))
              end
              redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
              redis.call('DECRBY', KEYS[2], string.format('%.0f', gone))
            end
            return redis.call('GET', KEYS[2]) or '0'
            """;

    /** Adds one spend to the window and to the running total, and keeps both alive for two windows. */
    private static final String ADD = """
            if redis.call('ZADD', KEYS[1], ARGV[1], ARGV[2]) == 1 then
              redis.call('INCRBY', KEYS[2], ARGV[4])
            end
            redis.call('PEXPIRE', KEYS[1], ARGV[3])
            redis.call('PEXPIRE', KEYS[2], ARGV[3])
            return 1
            """;

    /**
     * One call's spend, kept here until Redis confirmed it; {@code toWrite} while the next read or add must write it
     * (false while a write of it is on its way in the background).
     */
    private static final class Spend {
        final Instant at;
        final BigDecimal cost;
        final String id = UUID.randomUUID().toString();
        volatile boolean toWrite;

        Spend(Instant at, BigDecimal cost) {
            this.at = at;
            this.cost = cost;
        }
    }

    private final StatefulRedisConnection<String, String> connection;
    private final String key;
    private final String totalKey;
    private final long keyTtlMillis;
    private final Duration timeout;
    private final boolean failOpen;
    private final boolean inBackground;
    private final Queue<Spend> unconfirmed = new ConcurrentLinkedQueue<>();
    private final Outage outage;
    private volatile BigDecimal lastTotal = BigDecimal.ZERO;

    private RedisBudgetLedger(Builder builder) {
        this.connection = builder.timedConnection();
        this.key = builder.keyPrefix + ":budget:" + builder.name;
        this.totalKey = key + ":total";
        this.keyTtlMillis = builder.window.multipliedBy(2).toMillis();
        this.timeout = builder.timeout;
        this.failOpen = builder.failOpen;
        this.inBackground = builder.inBackground;
        this.outage = new Outage(
                LOG,
                "the shared budget",
                "going on with this instance's own count, failing " + (failOpen ? "open" : "closed")
                        + " (what is spent meanwhile is written when it answers)");
    }

    public static Builder builder() {
        return new Builder();
    }

    /**
     * One round trip: the window's total. After an outage, the spends Redis has not confirmed are written first (each
     * has an id, so one written twice counts once).
     */
    @Override
    public BigDecimal spentSince(Instant cutoff) {
        try {
            RedisCommands<String, String> redis = connection.sync();
            writeUnconfirmed(redis);
            String total = redis.eval(
                    SPENT_SINCE,
                    ScriptOutputType.VALUE,
                    new String[] {key, totalKey},
                    String.valueOf(cutoff.toEpochMilli()));
            lastTotal = new BigDecimal(total).movePointLeft(NANO_USD);
            outage.answered();
            return lastTotal;
        } catch (RuntimeException failure) {
            outage.failed(failure);
            if (!failOpen) {
                // failing closed: the budget reads as spent until Redis answers
                return BigDecimal.valueOf(Long.MAX_VALUE);
            }
            BigDecimal since = lastTotal;
            for (Spend spend : unconfirmed) {
                if (spend.at.isAfter(cutoff)) {
                    since = since.add(spend.cost);
                }
            }
            return since;
        }
    }

    /**
     * Adds the spend in one script, after the call. In the background (when so built), without waiting: the connection
     * keeps the order, so this instance's next read counts it, and the others count it once Redis ran it. Either way
     * a spend Redis did not take is kept here, and the next read writes it.
     */
    @Override
    public void add(Instant at, BigDecimal cost) {
        Spend spend = new Spend(at, cost);
        unconfirmed.add(spend);
        if (inBackground) {
            sendInBackground(spend);
            return;
        }
        spend.toWrite = true;
        try {
            writeUnconfirmed(connection.sync());
            outage.answered();
        } catch (RuntimeException failure) {
            outage.failed(failure);
        }
    }

    private void sendInBackground(Spend spend) {
        try {
            connection
                    .async()
                    .eval(ADD, ScriptOutputType.INTEGER, new String[] {key, totalKey}, addArguments(spend))
                    .toCompletableFuture()
                    .orTimeout(timeout.toMillis(), TimeUnit.MILLISECONDS)
                    .whenComplete((written, failure) -> {
                        if (failure == null) {
                            unconfirmed.remove(spend);
                            outage.answered();
                        } else {
                            spend.toWrite = true;
                            outage.failed(failure);
                        }
                    });
        } catch (RuntimeException failure) {
            spend.toWrite = true;
            outage.failed(failure);
        }
    }

    /** Spends kept here that Redis has not confirmed yet (written in the background, or waiting for Redis). */
    public int unwrittenSpends() {
        return unconfirmed.size();
    }

    /** Whether a call's spend is written without the call waiting for Redis ({@code writeSpendsInBackground}). */
    public boolean writesSpendsInBackground() {
        return inBackground;
    }

    /** Whether the last call to Redis failed. */
    public boolean inOutage() {
        return outage.active();
    }

    /**
     * Writes the spends waiting to be written (this call's, and any whose write failed); after an outage, also those
     * whose answer may have been lost with it.
     */
    private void writeUnconfirmed(RedisCommands<String, String> redis) {
        boolean recovering = outage.active();
        for (Spend spend : unconfirmed) {
            if (spend.toWrite || recovering) {
                redis.eval(ADD, ScriptOutputType.INTEGER, new String[] {key, totalKey}, addArguments(spend));
                // removed only once written: a failure leaves it for the next try, and its id makes a repeat harmless
                unconfirmed.remove(spend);
            }
        }
    }

    private String[] addArguments(Spend spend) {
        String nanoUsd = spend.cost
                .movePointRight(NANO_USD)
                .setScale(0, RoundingMode.HALF_UP)
                .toPlainString();
        return new String[] {
            String.valueOf(spend.at.toEpochMilli()), nanoUsd + ":" + spend.id, String.valueOf(keyTtlMillis), nanoUsd
        };
    }

    public static final class Builder extends RedisPartBuilder<Builder> {

        private String name = "default";
        private Duration window = Duration.ofDays(1);
        private boolean failOpen;
        private boolean inBackground;

        private Builder() {}

        /** The budget's name, for an application with several. Default "default". */
        public Builder name(String name) {
            this.name = Objects.requireNonNull(name, "name");
            return this;
        }

        /** The budget's window: entries are kept in Redis for two of them. Default one day. */
        public Builder window(Duration window) {
            this.window = Objects.requireNonNull(window, "window");
            return this;
        }

        /**
         * While Redis does not answer: false (the default) reads the budget as spent; true reads the last total plus
         * this instance's spend since.
         */
        public Builder failOpen(boolean failOpen) {
            this.failOpen = failOpen;
            return this;
        }

        /**
         * Whether a call's spend is written without the call waiting for Redis's answer: one round trip per call
         * instead of two, for a looser overspend bound (the calls in flight, plus each calling thread's last call,
         * whose spend may still be on its way). Default false.
         */
        public Builder writeSpendsInBackground(boolean inBackground) {
            this.inBackground = inBackground;
            return this;
        }

        public RedisBudgetLedger build() {
            return new RedisBudgetLedger(this);
        }
    }
}

package one.aisa.langchain4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.routing.Budget;
import one.aisa.langchain4j.routing.BudgetExceededException;
import one.aisa.langchain4j.routing.RoutingChatModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One purse for several router instances, kept in a real redis-server. */
public class RedisBudgetLedgerTest {

    static final BigDecimal CALL_COST = new BigDecimal("0.001");

    private RealRedis redis;

    @BeforeEach
    void start() throws Exception {
        redis = new RealRedis();
    }

    @AfterEach
    void stop() throws Exception {
        redis.close();
    }

    /** A model that answers at once and reports what the call cost, as the gateway does. */
    public static final class PricedModel implements ChatModel {
        public final AtomicInteger answered = new AtomicInteger();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            answered.incrementAndGet();
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from("ok"))
                    .metadata(AisaChatResponseMetadata.builder()
                            .modelName("gpt-4o-mini")
                            .cost(CALL_COST)
                            .build())
                    .build();
        }
    }

    private RedisBudgetLedger.Builder ledger(String prefix) {
        return RedisBudgetLedger.builder()
                .connection(redis.connect())
                .keyPrefix(prefix)
                .timeout(Duration.ofMillis(200));
    }

    private static Budget budget(BigDecimal limit, RedisBudgetLedger ledger) {
        return Budget.builder()
                .limit(limit)
                .window(Duration.ofHours(1))
                .action(Budget.Action.FAIL)
                .ledger(ledger)
                .build();
    }

    /**
     * Waiting on each add, the spend passes the limit by at most the calls in flight (one per thread). Writing spends
     * in the background, a thread's last call may still be on its way to Redis while its next one starts: at most
     * twice that.
     */
    @ParameterizedTest(name = "spends written in the background: {0}")
    @ValueSource(booleans = {false, true})
    void four_instances_under_a_thousand_concurrent_calls_overspend_by_at_most_the_calls_in_flight(boolean inBackground)
            throws Exception {
        BigDecimal limit = new BigDecimal("0.100");
        int threads = 32;
        List<RoutingChatModel> instances = new ArrayList<>();
        List<PricedModel> models = new ArrayList<>();
        List<RedisBudgetLedger> ledgers = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            PricedModel model = new PricedModel();
            models.add(model);
            RedisBudgetLedger ledger =
                    ledger("app").writeSpendsInBackground(inBackground).build();
            ledgers.add(ledger);
            instances.add(RoutingChatModel.builder()
                    .models(model)
                    .budget(budget(limit, ledger))
                    .build());
        }
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        AtomicInteger refused = new AtomicInteger();
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 1_000; i++) {
                RoutingChatModel instance = instances.get(i % instances.size());
                calls.add(() -> {
                    try {
                        instance.chat("hi");
                    } catch (BudgetExceededException e) {
                        refused.incrementAndGet();
                    }
                    return null;
                });
            }
            for (Future<Void> call : pool.invokeAll(calls)) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }

        int answered = models.stream().mapToInt(model -> model.answered.get()).sum();
        BigDecimal spent = CALL_COST.multiply(BigDecimal.valueOf(answered));
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (ledgers.stream().anyMatch(ledger -> ledger.unwrittenSpends() > 0) && System.nanoTime() < deadline) {
            Thread.onSpinWait(); // spends written in the background: until Redis confirmed each
        }
        BigDecimal inRedis = ledger("app").build().spentSince(Instant.now().minus(Duration.ofHours(1)));
        int unrecorded = inBackground ? 2 * threads : threads;
        assertThat(answered + refused.get()).isEqualTo(1_000);
        assertThat(spent).as("it reached the limit").isGreaterThanOrEqualTo(limit);
        assertThat(spent)
                .as("past the limit by at most the %d calls not yet in Redis", unrecorded)
                .isLessThanOrEqualTo(limit.add(CALL_COST.multiply(BigDecimal.valueOf(unrecorded))));
        assertThat(inRedis).as("every answered call is in Redis").isEqualByComparingTo(spent);
    }

    @Test
    void two_jvms_spend_from_one_purse() throws Exception {
        BigDecimal limit = new BigDecimal("0.200");
        int threads = 16;
        List<String> command = List.of(
                java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java")
                        .toString(),
                "-cp",
                System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")),
                SpendingProcess.class.getName(),
                redis.url(),
                "two-jvms",
                limit.toPlainString(),
                "500",
                String.valueOf(threads));
        Process other = new ProcessBuilder(command).redirectErrorStream(true).start();
        PricedModel model = new PricedModel();
        RoutingChatModel here = RoutingChatModel.builder()
                .models(model)
                .budget(budget(limit, ledger("two-jvms").build()))
                .build();
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Callable<Void>> calls = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                calls.add(() -> {
                    try {
                        here.chat("hi");
                    } catch (BudgetExceededException e) {
                        // the shared purse is spent
                    }
                    return null;
                });
            }
            for (Future<Void> call : pool.invokeAll(calls)) {
                call.get();
            }
        } finally {
            pool.shutdownNow();
        }
        String output = new String(other.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertThat(other.waitFor(60, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
        java.util.regex.Matcher answered =
                java.util.regex.Pattern.compile("answered (\\d+)").matcher(output);
        assertThat(answered.find()).as(output).isTrue();

        int total = model.answered.get() + Integer.parseInt(answered.group(1));
        BigDecimal spent = CALL_COST.multiply(BigDecimal.valueOf(total));
        assertThat(spent).isGreaterThanOrEqualTo(limit);
        assertThat(spent)
                .as("past the limit by at most the calls both JVMs can have in flight")
                .isLessThanOrEqualTo(limit.add(CALL_COST.multiply(BigDecimal.valueOf(2L * threads))));
        assertThat(ledger("two-jvms").build().spentSince(Instant.now().minus(Duration.ofHours(1))))
                .isEqualByComparingTo(spent);
    }

    @Test
    void spends_leave_the_running_total_as_they_leave_the_window() {
        RedisBudgetLedger ledger = ledger("window").build();
        Instant start = Instant.parse("2026-11-29T10:00:00Z");
        ledger.add(start, new BigDecimal("0.10"));
        ledger.add(start.plus(Duration.ofMinutes(10)), new BigDecimal("0.02"));
        ledger.add(start.plus(Duration.ofMinutes(20)), new BigDecimal("0.003"));

        assertThat(ledger.spentSince(start.minusSeconds(1))).isEqualByComparingTo("0.123");
        assertThat(ledger.spentSince(start.plus(Duration.ofMinutes(5)))).isEqualByComparingTo("0.023");
        assertThat(ledger.spentSince(start.plus(Duration.ofMinutes(15)))).isEqualByComparingTo("0.003");
        assertThat(ledger.spentSince(start.plus(Duration.ofMinutes(30)))).isEqualByComparingTo("0");
        // a later spend starts the total again
        ledger.add(start.plus(Duration.ofMinutes(40)), new BigDecimal("0.5"));
        assertThat(ledger.spentSince(start.plus(Duration.ofMinutes(30)))).isEqualByComparingTo("0.5");
    }

    @Test
    void two_applications_with_different_prefixes_never_share_a_purse() {
        RedisBudgetLedger one = ledger("app-one").build();
        RedisBudgetLedger two = ledger("app-two").build();
        Instant now = Instant.now();

        one.add(now, new BigDecimal("0.25"));

        Instant cutoff = now.minus(Duration.ofMinutes(1));
        assertThat(one.spentSince(cutoff)).isEqualByComparingTo("0.25");
        assertThat(two.spentSince(cutoff)).isEqualByComparingTo("0");
        assertThat(ledger("app-one").build().spentSince(cutoff)).isEqualByComparingTo("0.25");
    }

    @ParameterizedTest(name = "spends written in the background: {0}")
    @ValueSource(booleans = {false, true})
    void when_redis_stops_calls_go_on_and_nothing_spent_meanwhile_is_lost(boolean inBackground) throws Exception {
        assumeTrue(redis.embedded(), "needs a Redis this test can stop and start");
        RedisBudgetLedger closed =
                ledger("outage").writeSpendsInBackground(inBackground).build();
        RedisBudgetLedger open = ledger("outage")
                .failOpen(true)
                .writeSpendsInBackground(inBackground)
                .build();
        Instant now = Instant.now();
        Instant cutoff = now.minus(Duration.ofMinutes(5));
        closed.add(now, new BigDecimal("0.10"));
        // the add is not waited on, but the same connection's next read comes after it
        assertThat(closed.spentSince(cutoff)).isEqualByComparingTo("0.10");
        assertThat(closed.unwrittenSpends()).as("confirmed by Redis").isZero();

        redis.stop();
        open.add(now.plusSeconds(1), new BigDecimal("0.02"));
        BigDecimal failedClosed = closed.spentSince(cutoff);
        BigDecimal failedOpen = open.spentSince(cutoff);
        boolean outage = open.inOutage();
        redis.start();
        // no persistence: the restarted Redis is empty, as after losing its data; the ledger writes what it kept
        BigDecimal recovered = waitForRedis(open, cutoff);

        assertThat(outage).isTrue();
        assertThat(failedClosed).as("failing closed: the budget reads as spent").isGreaterThan(new BigDecimal("1000"));
        assertThat(failedOpen).as("failing open: its own count").isEqualByComparingTo("0.02");
        assertThat(open.unwrittenSpends()).isZero();
        assertThat(recovered)
                .as("the spend kept during the outage reached Redis")
                .isEqualByComparingTo("0.02");
    }

    @Test
    void a_redis_slower_than_the_timeout_is_an_outage_not_a_wait() throws Exception {
        assumeTrue(redis.embedded(), "needs a Redis this test can put to sleep");
        RedisBudgetLedger ledger = RedisBudgetLedger.builder()
                .connection(redis.connect())
                .keyPrefix("slow")
                .timeout(Duration.ofMillis(50))
                .build();
        Instant cutoff = Instant.now().minus(Duration.ofMinutes(1));
        assertThat(ledger.spentSince(cutoff)).isEqualByComparingTo("0");

        // the server sleeps 1 s: the ledger's 50 ms timeout ends the wait, and the budget fails closed
        var sleeping = redis.connect()
                .async()
                .dispatch(
                        io.lettuce.core.protocol.CommandType.DEBUG,
                        new io.lettuce.core.output.StatusOutput<>(io.lettuce.core.codec.StringCodec.UTF8),
                        new io.lettuce.core.protocol.CommandArgs<>(io.lettuce.core.codec.StringCodec.UTF8)
                                .add("SLEEP")
                                .add("1"));
        // asked until the server is busy sleeping (the sleep is sent on another connection, so it may start later)
        BigDecimal whileSlow = ledger.spentSince(cutoff);
        while (!ledger.inOutage() && !sleeping.isDone()) {
            whileSlow = ledger.spentSince(cutoff);
        }
        boolean outage = ledger.inOutage();
        sleeping.get(5, java.util.concurrent.TimeUnit.SECONDS);

        assertThat(outage).isTrue();
        assertThat(whileSlow).isGreaterThan(new BigDecimal("1000"));
        assertThat(waitForRedis(ledger, cutoff)).as("back once Redis answers").isEqualByComparingTo("0");
    }

    /** Once Lettuce has reconnected (it retries on its own): the ledger's read, which ends its outage. */
    private BigDecimal waitForRedis(RedisBudgetLedger ledger, Instant cutoff) {
        redis.awaitReconnected();
        BigDecimal spent = ledger.spentSince(cutoff);
        assertThat(ledger.inOutage()).as("Redis answers again").isFalse();
        return spent;
    }
}

package one.aisa.langchain4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.RouteTrace;
import one.aisa.langchain4j.exception.AisaErrorDetails;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.SharedCircuitState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Circuits shared through a real redis-server: opened by one instance, skipped by all; one probe among many. */
class RedisCircuitStateTest {

    private RealRedis redis;

    @BeforeEach
    void start() throws Exception {
        redis = new RealRedis();
    }

    @AfterEach
    void stop() throws Exception {
        redis.close();
    }

    /** A clock the test moves; the routers' open periods run on it. */
    static final class TestClock extends Clock {
        private volatile Instant now = Instant.parse("2026-11-29T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    /** A model that answers, or fails as a retired model id does, counting its calls; it may wait on a gate. */
    static final class Model implements ChatModel {
        final String name;
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean retired;
        volatile CountDownLatch gate;

        Model(String name) {
            this.name = name;
        }

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls.incrementAndGet();
            CountDownLatch wait = gate;
            if (wait != null) {
                try {
                    wait.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            if (retired) {
                throw new AisaModelNotFoundException(
                        "model " + name + " does not exist",
                        new AisaErrorDetails(404, null, "model_not_found", "no such model", null, null, null));
            }
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from(name))
                    .metadata(AisaChatResponseMetadata.builder().modelName(name).build())
                    .build();
        }
    }

    /** The states built with notifications. */
    private final List<RedisCircuitState> states = new ArrayList<>();

    /** One instance's shared state: asking Redis on every permit, or told of changes on a subscription. */
    private RedisCircuitState state(boolean notified) {
        RedisCircuitState.Builder builder = RedisCircuitState.builder()
                .connection(redis.connect())
                .keyPrefix("app")
                .timeout(Duration.ofMillis(500));
        if (notified) {
            builder.notifications(redis.connectPubSub());
        }
        RedisCircuitState state = builder.build();
        if (notified) {
            states.add(state);
        }
        return state;
    }

    private RoutingChatModel instance(Model primary, Model fallback, Clock clock, boolean notified) {
        return RoutingChatModel.builder()
                .route("primary", primary)
                .route("fallback", fallback)
                .clock(clock)
                .sharedCircuitState(state(notified))
                .build();
    }

    /** Waits (at most 10 s) until every notified state has heard that the model's circuit is open or closed. */
    private void untilEveryStateKnows(String model, boolean open) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (states.stream().anyMatch(state -> state.knowsOpen(model) != open) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private long scriptsRun() {
        String stats = redis.connect().sync().info("commandstats");
        Matcher calls = Pattern.compile("cmdstat_eval:calls=(\\d+)").matcher(stats);
        return calls.find() ? Long.parseLong(calls.group(1)) : 0;
    }

    @ParameterizedTest(name = "notified: {0}")
    @ValueSource(booleans = {false, true})
    void a_circuit_one_instance_opens_is_skipped_by_another(boolean notified) {
        TestClock clock = new TestClock();
        Model primaryA = new Model("primary");
        Model primaryB = new Model("primary");
        primaryA.retired = true;
        primaryB.retired = true;
        RoutingChatModel a = instance(primaryA, new Model("fallback"), clock, notified);
        RoutingChatModel b = instance(primaryB, new Model("fallback"), clock, notified);

        a.chat("hi");
        // asking Redis, B sees it at once; notified, within the one round trip of the message
        untilEveryStateKnows("primary", true);
        ChatResponse fromB = b.chat(ChatRequest.builder()
                .messages(dev.langchain4j.data.message.UserMessage.from("hi"))
                .build());

        assertThat(primaryA.calls).hasValue(1);
        assertThat(primaryB.calls).as("B never paid for the dead model").hasValue(0);
        assertThat(fromB.aiMessage().text()).isEqualTo("fallback");
        assertThat(((AisaChatResponseMetadata) fromB.metadata()).route().attempts())
                .extracting(RouteTrace.Attempt::model, RouteTrace.Attempt::outcome)
                .first()
                .isEqualTo(org.assertj.core.groups.Tuple.tuple("primary", RouteTrace.Outcome.SKIPPED_CIRCUIT_OPEN));
    }

    @ParameterizedTest(name = "notified: {0}")
    @ValueSource(booleans = {false, true})
    void when_the_open_period_ends_one_instance_of_five_probes_and_its_success_closes_the_circuit_for_all(
            boolean notified) throws Exception {
        TestClock clock = new TestClock();
        List<Model> primaries = new ArrayList<>();
        List<RoutingChatModel> instances = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Model primary = new Model("primary");
            primaries.add(primary);
            instances.add(instance(primary, new Model("fallback"), clock, notified));
        }
        SharedCircuitState state = RedisCircuitState.builder()
                .connection(redis.connect())
                .keyPrefix("app")
                .build();
        state.opened("primary", clock.instant().plus(Duration.ofSeconds(30)));
        untilEveryStateKnows("primary", true);
        CountDownLatch probeGate = new CountDownLatch(1);
        primaries.forEach(primary -> primary.gate = probeGate);

        for (RoutingChatModel instance : instances) {
            assertThat(instance.chat("hi"))
                    .as("open: every instance falls back")
                    .isEqualTo("fallback");
        }
        clock.advance(Duration.ofSeconds(31));
        ExecutorService pool = Executors.newFixedThreadPool(5);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (RoutingChatModel instance : instances) {
                answers.add(pool.submit(() -> instance.chat("hi")));
            }
            // the four that did not take the probe fall back at once; the probe waits on its gate
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (answers.stream().filter(Future::isDone).count() < 4 && System.nanoTime() < deadline) {
                Thread.onSpinWait();
            }
            assertThat(primaries.stream()
                            .mapToInt(primary -> primary.calls.get())
                            .sum())
                    .as("one probe among five instances")
                    .isEqualTo(1);
            probeGate.countDown();
            List<String> texts = new ArrayList<>();
            for (Future<String> answer : answers) {
                texts.add(answer.get(10, TimeUnit.SECONDS));
            }
            assertThat(texts).containsOnlyOnce("primary").contains("fallback");
        } finally {
            pool.shutdownNow();
        }

        for (RoutingChatModel instance : instances) {
            assertThat(instance.chat("hi"))
                    .as("closed everywhere after the probe")
                    .isEqualTo("primary");
        }
    }

    @Test
    void notified_a_permit_costs_no_round_trip_until_a_circuit_opens_and_a_late_instance_loads_the_open_ones() {
        TestClock clock = new TestClock();
        Model primaryA = new Model("primary");
        RoutingChatModel a = instance(primaryA, new Model("fallback"), clock, true);

        long before = scriptsRun();
        for (int i = 0; i < 20; i++) {
            assertThat(a.chat("hi")).isEqualTo("primary");
        }
        assertThat(scriptsRun() - before).as("no script for a closed circuit").isZero();

        primaryA.retired = true;
        assertThat(a.chat("hi")).isEqualTo("fallback");
        Model primaryLate = new Model("primary");
        RoutingChatModel late = instance(primaryLate, new Model("fallback"), clock, true);
        assertThat(states.get(1).knowsOpen("primary"))
                .as("loaded when it subscribed")
                .isTrue();
        long beforeSkips = scriptsRun();
        assertThat(late.chat("hi")).isEqualTo("fallback");
        assertThat(a.chat("hi")).isEqualTo("fallback");
        assertThat(scriptsRun() - beforeSkips)
                .as("an open circuit is skipped without asking")
                .isZero();
        assertThat(primaryLate.calls).hasValue(0);
    }

    @Test
    void notified_after_redis_restarts_the_subscription_comes_back_and_hears_of_circuits_again() throws Exception {
        assumeTrue(redis.embedded(), "needs a Redis this test can stop and start");
        RedisCircuitState listening = state(true);
        RedisCircuitState opener = state(false);
        Instant now = Instant.parse("2026-11-29T12:00:00Z");

        redis.stop();
        assertThat(listening.permit("primary", now))
                .as("the subscription is down: ask Redis, which does not answer, so the local breaker decides")
                .isEqualTo(SharedCircuitState.Permit.CALL);
        redis.start();
        redis.awaitReconnected();

        // Lettuce subscribes again on its own: the listener hears the message, or, if it was sent before the
        // subscription came back, loads the open circuit when it does (at most 10 s)
        opener.opened("primary", now.plus(Duration.ofSeconds(30)));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!listening.knowsOpen("primary") && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        assertThat(listening.knowsOpen("primary")).isTrue();
        assertThat(listening.permit("primary", now)).isEqualTo(SharedCircuitState.Permit.SKIP);
    }
}

package one.aisa.langchain4j.redis;

import static org.assertj.core.api.Assertions.assertThat;

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
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.RouteTrace;
import one.aisa.langchain4j.exception.AisaErrorDetails;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.SharedCircuitState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

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

    private RoutingChatModel instance(Model primary, Model fallback, Clock clock) {
        return RoutingChatModel.builder()
                .route("primary", primary)
                .route("fallback", fallback)
                .clock(clock)
                .sharedCircuitState(RedisCircuitState.builder()
                        .connection(redis.connect())
                        .keyPrefix("app")
                        .timeout(Duration.ofMillis(500))
                        .build())
                .build();
    }

    @Test
    void a_circuit_one_instance_opens_is_skipped_by_another_at_once() {
        TestClock clock = new TestClock();
        Model primaryA = new Model("primary");
        Model primaryB = new Model("primary");
        primaryA.retired = true;
        primaryB.retired = true;
        RoutingChatModel a = instance(primaryA, new Model("fallback"), clock);
        RoutingChatModel b = instance(primaryB, new Model("fallback"), clock);

        a.chat("hi");
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

    @Test
    void when_the_open_period_ends_one_instance_of_five_probes_and_its_success_closes_the_circuit_for_all()
            throws Exception {
        TestClock clock = new TestClock();
        List<Model> primaries = new ArrayList<>();
        List<RoutingChatModel> instances = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            Model primary = new Model("primary");
            primaries.add(primary);
            instances.add(instance(primary, new Model("fallback"), clock));
        }
        SharedCircuitState state = RedisCircuitState.builder()
                .connection(redis.connect())
                .keyPrefix("app")
                .build();
        state.opened("primary", clock.instant().plus(Duration.ofSeconds(30)));
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
}

package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Instant;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.redis.RedisBudgetLedger;
import one.aisa.langchain4j.redis.RedisResponseCache;
import one.aisa.langchain4j.routing.Budget;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.testkit.AisaSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import redis.embedded.RedisServer;

/** {@code aisa.shared-state.redis.*}: two application instances, one Redis, one purse and one cache. */
class AisaSharedStateTests {

    private AisaSimulator simulator;
    private RedisServer redis;
    private int port;

    @BeforeEach
    void start() throws IOException {
        simulator = AisaSimulator.start();
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = RedisServer.newRedisServer()
                .port(port)
                .bind("127.0.0.1")
                .setting("save \"\"")
                .build();
        redis.start();
    }

    @AfterEach
    void stop() throws IOException {
        simulator.close();
        redis.stop();
    }

    private ApplicationContextRunner instance(String... more) {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(AisaSharedStateAutoConfiguration.class, AisaAutoConfiguration.class))
                .withPropertyValues(
                        "aisa.api-key=" + AisaSimulator.API_KEY,
                        "aisa.base-url=" + simulator.baseUrl(),
                        "aisa.shared-state.redis.enabled=true",
                        "aisa.shared-state.redis.url=redis://127.0.0.1:" + port,
                        "aisa.shared-state.key-prefix=support-desk",
                        "aisa.shared-state.timeout=500ms",
                        "aisa.budget.limit=5.00",
                        "aisa.cache.enabled=true")
                .withPropertyValues(more);
    }

    @Test
    void theBudgetWaitsOnEachSpendUnlessToldToWriteThemInTheBackground() {
        instance()
                .run(context -> assertThat(((RedisBudgetLedger)
                                        context.getBean(Budget.class).ledger())
                                .writesSpendsInBackground())
                        .isFalse());
        instance("aisa.shared-state.budget-write-in-background=true")
                .run(context -> assertThat(((RedisBudgetLedger)
                                        context.getBean(Budget.class).ledger())
                                .writesSpendsInBackground())
                        .isTrue());
    }

    @Test
    void twoInstancesSpendFromOnePurseAndServeOneCache() {
        instance()
                .run(first -> instance().run(second -> {
                    Budget firstBudget = first.getBean(Budget.class);
                    Budget secondBudget = second.getBean(Budget.class);
                    assertThat(firstBudget.ledger()).isInstanceOf(RedisBudgetLedger.class);
                    CachingChatModel firstModel = (CachingChatModel) first.getBean(ChatModel.class);
                    assertThat(firstModel.cache()).isInstanceOf(RedisResponseCache.class);
                    assertThat(firstModel.cachedModel()).isInstanceOf(RoutingChatModel.class);

                    String answer = firstModel.chat("Capital of Germany?");
                    var served = second.getBean(ChatModel.class)
                            .chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                                    .messages(dev.langchain4j.data.message.UserMessage.from("Capital of Germany?"))
                                    .build());

                    assertThat(served.aiMessage().text()).isEqualTo(answer);
                    assertThat(((AisaChatResponseMetadata) served.metadata()).cacheHit())
                            .isNotNull();
                    assertThat(simulator.chatRequests()).hasSize(1);
                    assertThat(secondBudget.spentInWindow(Instant.now()))
                            .as("the second instance sees what the first spent")
                            .isPositive()
                            .isEqualByComparingTo(firstBudget.spentInWindow(Instant.now()));
                }));
    }

    @Test
    void twoApplicationsWithDifferentPrefixesShareNothing() {
        instance()
                .run(first -> instance("aisa.shared-state.key-prefix=other-app").run(other -> {
                    first.getBean(ChatModel.class).chat("Capital of France?");

                    assertThat(other.getBean(Budget.class).spentInWindow(Instant.now()))
                            .isZero();
                }));
    }

    @Test
    void anOutageShowsInTheEndpointAndTheGaugeAndCallsGoOn() {
        instance("aisa.shared-state.budget-fail-open=true")
                .withConfiguration(
                        AutoConfigurations.of(AisaMetricsAutoConfiguration.class, AisaEndpointAutoConfiguration.class))
                .withBean(
                        io.micrometer.core.instrument.MeterRegistry.class,
                        io.micrometer.core.instrument.simple.SimpleMeterRegistry::new)
                .run(context -> {
                    var registry = context.getBean(io.micrometer.core.instrument.MeterRegistry.class);
                    context.getBeansOfType(io.micrometer.core.instrument.binder.MeterBinder.class)
                            .values()
                            .forEach(binder -> binder.bindTo(registry));
                    ChatModel model = context.getBean(ChatModel.class);
                    model.chat("Capital of Spain?");
                    assertThat(context.getBean(AisaEndpoint.class).aisa().get("sharedState"))
                            .isEqualTo(java.util.Map.of("budget", "up", "circuits", "up", "cache", "up"));

                    redis.stop();
                    String answer = model.chat("Capital of Portugal?");
                    @SuppressWarnings("unchecked")
                    java.util.Map<String, Object> shared = (java.util.Map<String, Object>)
                            context.getBean(AisaEndpoint.class).aisa().get("sharedState");
                    double budgetOutage = registry.get("aisa.shared_state.outage")
                            .tag("part", "budget")
                            .gauge()
                            .value();
                    redis.start();

                    assertThat(answer).isNotBlank();
                    assertThat(shared).containsEntry("budget", "outage: using local state");
                    assertThat(budgetOutage).isEqualTo(1);
                });
    }
}

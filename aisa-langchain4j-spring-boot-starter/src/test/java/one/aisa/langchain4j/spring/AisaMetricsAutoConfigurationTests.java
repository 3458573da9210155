package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.langchain4j.model.chat.ChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import one.aisa.langchain4j.testkit.AisaSimulator;
import one.aisa.langchain4j.testkit.SimulatedFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** Metrics of a routed call on the simulator: GenAI duration and tokens, cost, a fallback, the circuit gauge. */
class AisaMetricsAutoConfigurationTests {

    private AisaSimulator simulator;

    @BeforeEach
    void start() {
        simulator = AisaSimulator.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(AisaMetricsAutoConfiguration.class, AisaAutoConfiguration.class))
                .withPropertyValues(
                        "aisa.api-key=" + AisaSimulator.API_KEY,
                        "aisa.base-url=" + simulator.baseUrl(),
                        "aisa.chat.model=gpt-4o",
                        "aisa.routing.fallbacks=gpt-4o-mini");
    }

    @Test
    void a_fallback_shows_in_the_metrics() {
        simulator.failAlways("gpt-4o", SimulatedFault.noAvailableChannel());

        runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBeansOfType(MeterBinder.class).values().forEach(binder -> binder.bindTo(registry));

            context.getBean(ChatModel.class).chat("hello");

            assertThat(registry.get("gen_ai.client.operation.duration")
                            .tag("gen_ai.response.model", "gpt-4o-mini")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("gen_ai.client.token.usage")
                            .tag("gen_ai.token.type", "output")
                            .summary()
                            .totalAmount())
                    .isPositive();
            assertThat(registry.get("aisa.client.cost").counter().count()).isPositive();
            assertThat(registry.get("aisa.routing.fallbacks")
                            .tag("gen_ai.response.model", "gpt-4o-mini")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("aisa.routing.circuit.open")
                            .tag("gen_ai.request.model", "gpt-4o")
                            .tag("aisa.router", "blocking")
                            .gauge()
                            .value())
                    .isEqualTo(1);
            assertThat(registry.get("aisa.routing.circuit.open")
                            .tag("gen_ai.request.model", "gpt-4o")
                            .tag("aisa.router", "streaming")
                            .gauge()
                            .value())
                    .as("the breaker both routers share, opened by the blocking call")
                    .isEqualTo(1);
            assertThat(registry.get("aisa.routing.circuit.open")
                            .tag("gen_ai.request.model", "gpt-4o-mini")
                            .tag("aisa.router", "blocking")
                            .gauge()
                            .value())
                    .isZero();
        });
    }

    @Test
    void errors_are_counted_by_type() {
        simulator.failAlways("*", SimulatedFault.status(401));

        runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            try {
                context.getBean(ChatModel.class).chat("hello");
            } catch (RuntimeException expected) {
                // the call fails; the metrics are what this test is about
            }

            assertThat(registry.get("aisa.client.errors")
                            .tag("error.type", "AisaAuthenticationException")
                            .counter()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void the_budget_gauges_follow_the_spend() {
        runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues("aisa.budget.limit=2.5")
                .run(context -> {
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBeansOfType(MeterBinder.class).values().forEach(binder -> binder.bindTo(registry));
                    assertThat(registry.get("aisa.budget.limit").gauge().value())
                            .isEqualTo(2.5);
                    assertThat(registry.get("aisa.budget.spent").gauge().value())
                            .isZero();

                    context.getBean(ChatModel.class).chat("hello");

                    assertThat(registry.get("aisa.budget.spent").gauge().value())
                            .isPositive()
                            .isEqualTo(
                                    registry.get("aisa.client.cost").counter().count(), within(1e-12));
                });
    }

    @Test
    void no_budget_no_budget_gauges() {
        runner().withBean(MeterRegistry.class, SimpleMeterRegistry::new).run(context -> {
            MeterRegistry registry = context.getBean(MeterRegistry.class);
            context.getBeansOfType(MeterBinder.class).values().forEach(binder -> binder.bindTo(registry));
            assertThat(registry.find("aisa.budget.spent").gauge()).isNull();
        });
    }

    @Test
    void no_registry_no_metrics() {
        runner().run(context -> assertThat(context).doesNotHaveBean(AisaMetricsListener.class));
    }
}

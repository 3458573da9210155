package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.routing.Budget;
import one.aisa.langchain4j.testkit.AisaSimulator;
import one.aisa.langchain4j.testkit.SimulatedFault;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/**
 * The aisa Actuator endpoint reports the circuits of the routed models, the spend and the budget, from a real routed
 * call.
 */
class AisaEndpointTests {

    @Test
    @SuppressWarnings("unchecked")
    void reports_circuits_and_spend() {
        try (AisaSimulator simulator = AisaSimulator.start()) {
            simulator.failAlways("gpt-4o", SimulatedFault.noAvailableChannel());
            new ApplicationContextRunner()
                    .withConfiguration(
                            AutoConfigurations.of(AisaAutoConfiguration.class, AisaEndpointAutoConfiguration.class))
                    .withPropertyValues(
                            "aisa.api-key=" + AisaSimulator.API_KEY,
                            "aisa.base-url=" + simulator.baseUrl(),
                            "aisa.chat.model=gpt-4o",
                            "aisa.routing.fallbacks=gpt-4o-mini",
                            "aisa.budget.limit=5",
                            "aisa.budget.window=1h")
                    .run(context -> {
                        context.getBean(ChatModel.class).chat("hello");

                        Map<String, Object> report =
                                context.getBean(AisaEndpoint.class).aisa();

                        List<Map<String, Object>> circuits = (List<Map<String, Object>>) report.get("circuits");
                        assertThat(circuits).extracting(c -> c.get("model")).containsExactly("gpt-4o", "gpt-4o-mini");
                        assertThat(circuits.get(0).get("state")).isEqualTo("OPEN");
                        assertThat(circuits.get(0).get("available")).isEqualTo(false);
                        assertThat(circuits.get(1).get("state")).isEqualTo("CLOSED");
                        List<Map<String, Object>> streaming =
                                (List<Map<String, Object>>) report.get("streamingCircuits");
                        assertThat(streaming).extracting(c -> c.get("model")).containsExactly("gpt-4o", "gpt-4o-mini");
                        assertThat(streaming.get(0).get("state"))
                                .as("one breaker per model for both routers: opened by the blocking call")
                                .isEqualTo("OPEN");
                        Map<String, Object> spend = (Map<String, Object>) report.get("spend");
                        assertThat((BigDecimal) spend.get("totalCostUsd")).isPositive();
                        assertThat(spend.get("calls")).isEqualTo(1L);
                        Map<String, Object> budget = (Map<String, Object>) report.get("budget");
                        assertThat(budget)
                                .containsEntry("limitUsd", new BigDecimal("5"))
                                .containsEntry("window", "PT1H")
                                .containsEntry("action", Budget.Action.DOWNGRADE);
                        assertThat((BigDecimal) budget.get("spentInWindowUsd"))
                                .isEqualByComparingTo((BigDecimal) spend.get("totalCostUsd"));
                    });
        }
    }

    @Test
    void no_key_no_endpoint() {
        new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(AisaAutoConfiguration.class, AisaEndpointAutoConfiguration.class))
                .run(context -> assertThat(context).doesNotHaveBean(AisaEndpoint.class));
    }
}

package one.aisa.langchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.math.BigDecimal;
import one.aisa.langchain4j.exception.AisaServerException;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The JUnit extension: one simulator per class, injected into the constructor and test methods, reset between
 * tests. The ordered pair proves the reset: the first test dirties the simulator, the second finds it clean.
 */
@AisaSimulatorTest
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AisaSimulatorExtensionTest {

    private static AisaSimulator seenByFirstTest;

    private final AisaSimulator fromConstructor;

    AisaSimulatorExtensionTest(AisaSimulator simulator) {
        this.fromConstructor = simulator;
    }

    @Test
    @Order(1)
    void first_test_dirties_the_simulator(AisaSimulator simulator) {
        assertThat(simulator).isSameAs(fromConstructor);
        seenByFirstTest = simulator;
        simulator.whenPromptMatches(".*").reply("scripted by the first test");
        simulator.failAlways("gpt-4o", SimulatedFault.status(500));
        simulator.credits(new BigDecimal("1.50"));

        assertThat(simulator.chatModel("gpt-4o-mini").chat("hi")).isEqualTo("scripted by the first test");
        assertThatThrownBy(() -> simulator
                        .chatModelBuilder("gpt-4o")
                        .maxRetries(0)
                        .build()
                        .chat("hi"))
                .isInstanceOf(AisaServerException.class);
        assertThat(simulator.requests()).hasSize(2);
        assertThat(simulator.credits()).isLessThan(new BigDecimal("1.50"));
    }

    @Test
    @Order(2)
    void second_test_finds_the_same_simulator_reset(AisaSimulator simulator) {
        assumeTrue(seenByFirstTest != null, "runs after first_test_dirties_the_simulator");

        assertThat(simulator)
                .as("one simulator per class")
                .isSameAs(seenByFirstTest)
                .isSameAs(fromConstructor);
        assertThat(simulator.requests()).isEmpty();
        assertThat(simulator.credits()).isEqualByComparingTo("10.00");
        assertThat(simulator.chatModel("gpt-4o-mini").chat("hi")).contains("[simulated gpt-4o-mini]");
        assertThat(simulator.chatModelBuilder("gpt-4o").maxRetries(0).build().chat("hi"))
                .contains("[simulated gpt-4o]");
    }

    @Test
    @Order(3)
    void the_simulator_is_running_on_loopback(AisaSimulator simulator) {
        assertThat(simulator.baseUrl()).startsWith("http://127.0.0.1:").endsWith("/v1");
        assertThat(simulator.port()).isPositive();
    }
}

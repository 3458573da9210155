package one.aisa.langchain4j.samples.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import one.aisa.langchain4j.testkit.AisaSimulator;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class OfflineSimulatorEnvironmentPostProcessorTest {

    private final OfflineSimulatorEnvironmentPostProcessor postProcessor =
            new OfflineSimulatorEnvironmentPostProcessor();

    private final SpringApplication application = new SpringApplication();

    OfflineSimulatorEnvironmentPostProcessorTest() {
        application.setInitializers(List.of());
    }

    @Test
    void aConfiguredKeyKeepsTheRealGatewayAndStartsNoSimulator() {
        MockEnvironment environment = new MockEnvironment().withProperty("aisa.api-key", "sk-real");

        postProcessor.postProcessEnvironment(environment, application);

        assertThat(environment.getPropertySources().contains(OfflineSimulatorEnvironmentPostProcessor.PROPERTY_SOURCE))
                .isFalse();
        assertThat(environment.getProperty("aisa.api-key")).isEqualTo("sk-real");
        assertThat(environment.getProperty("aisa.base-url")).isNull();
        assertThat(application.getInitializers()).isEmpty();
    }

    @Test
    void withoutAKeyTheSimulatorServesThePropertiesFailsThePrimaryAndStopsWithTheContext() {
        MockEnvironment environment = new MockEnvironment().withProperty("aisa.chat.model", "gpt-4o");

        postProcessor.postProcessEnvironment(environment, application);

        assertThat(environment.getProperty("aisa.api-key")).isEqualTo(AisaSimulator.API_KEY);
        String simulatorUrl;
        try (GenericApplicationContext context = new GenericApplicationContext()) {
            initialize(context);
            context.refresh();
            AisaSimulator simulator = context.getBean(AisaSimulator.class);
            simulatorUrl = simulator.baseUrl();

            assertThat(environment.getProperty("aisa.base-url")).isEqualTo(simulatorUrl);
            assertThatThrownBy(() -> simulator.chatModel("gpt-4o").chat("Hello"))
                    .isInstanceOf(AisaModelNotFoundException.class)
                    .hasMessageContaining("No available channels");
            assertThat(simulator.chatModel("gpt-4o-mini").chat("Hello")).contains("[simulated gpt-4o-mini]");
        }
        SimulatorAssertions.assertStopped(simulatorUrl);
    }

    @SuppressWarnings("unchecked")
    private void initialize(ConfigurableApplicationContext context) {
        for (ApplicationContextInitializer<?> initializer : application.getInitializers()) {
            ((ApplicationContextInitializer<ConfigurableApplicationContext>) initializer).initialize(context);
        }
    }
}

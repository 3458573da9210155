package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Import;

@ExtendWith(OutputCaptureExtension.class)
class AisaPropertiesValidationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AisaAutoConfiguration.class))
            .withPropertyValues("aisa.api-key=sk-test");

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "aisa.chat.model=                              | aisa.chat.model                                | is blank",
                "aisa.api-key=                                 | aisa.api-key                                   | is blank",
                "aisa.routing.fallbacks[0]=gpt-4o              | aisa.routing.fallbacks[1]                      | is blank",
                "aisa.routing.fallbacks=gpt-4o,,claude-sonnet-4-5 | aisa.routing.fallbacks[1]              | is blank",
                "aisa.timeout=-5s                              | aisa.timeout                                   | positive duration",
                "aisa.timeout=0s                               | aisa.timeout                                   | positive duration",
                "aisa.max-retries=-1                           | aisa.max-retries                               | negative",
                "aisa.routing.circuit-breaker.window=-1m       | aisa.routing.circuit-breaker.window            | positive duration",
                "aisa.routing.circuit-breaker.open-duration=-1s | aisa.routing.circuit-breaker.open-duration    | positive duration",
                "aisa.routing.circuit-breaker.failure-rate-threshold=150 | aisa.routing.circuit-breaker.failure-rate-threshold | outside",
                "aisa.routing.max-hops=0                       | aisa.routing.max-hops                          | at least 1",
            })
    void anUnusableValueFailsTheStartupNamingThePropertyAndTheFix(String setting, String property, String problem) {
        ApplicationContextRunner scenario = runner.withPropertyValues(setting);
        if (setting.startsWith("aisa.routing.fallbacks[0]")) {
            scenario = scenario.withPropertyValues("aisa.routing.fallbacks[1]=");
        }
        scenario.run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure())
                    .rootCause()
                    .isInstanceOf(AisaConfigurationException.class)
                    .hasMessageContaining("'" + property + "'")
                    .hasMessageContaining(problem);
            AisaConfigurationException cause = (AisaConfigurationException)
                    org.springframework.core.NestedExceptionUtils.getRootCause(context.getStartupFailure());
            assertThat(cause.property()).isEqualTo(property);
            assertThat(cause.fix()).isNotBlank();
        });
    }

    @Test
    void theFailureAnalyzerDescribesThePropertyAndTheAction() {
        runner.withPropertyValues("aisa.chat.model=").run(context -> {
            FailureAnalysis analysis = new AisaConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
            assertThat(analysis).isNotNull();
            assertThat(analysis.getDescription()).isEqualTo("The AIsa property 'aisa.chat.model' is blank.");
            assertThat(analysis.getAction()).contains("gpt-4o-mini");
        });
    }

    @Test
    void springBootReportsTheAnalysisAtStartup(CapturedOutput output) {
        SpringApplicationBuilder application = new SpringApplicationBuilder(EmptyApplication.class)
                .web(WebApplicationType.NONE)
                .properties("aisa.api-key=sk-test", "aisa.max-retries=-3");
        org.assertj.core.api.Assertions.assertThatThrownBy(application::run)
                .rootCause()
                .isInstanceOf(AisaConfigurationException.class);
        assertThat(output)
                .contains("APPLICATION FAILED TO START")
                .contains("The AIsa property 'aisa.max-retries' is -3, which is negative.")
                .contains("Set it to 0 (no retries) or more");
    }

    @Configuration(proxyBeanMethods = false)
    @Import(AisaAutoConfiguration.class)
    static class EmptyApplication {}
}

package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
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
                "aisa.timeout=-5s                              | aisa.timeout                                   | must be positive",
                "aisa.timeout=0s                               | aisa.timeout                                   | must be positive",
                "aisa.max-retries=-1                           | aisa.max-retries                               | must be 0 or more",
                "aisa.routing.circuit-breaker.window=-1m       | aisa.routing.circuit-breaker.window            | must be positive",
                "aisa.routing.circuit-breaker.open-duration=-1s | aisa.routing.circuit-breaker.open-duration    | must be positive",
                "aisa.routing.circuit-breaker.failure-rate-threshold=150 | aisa.routing.circuit-breaker.failure-rate-threshold | must be in (0, 100]",
                "aisa.routing.max-hops=0                       | aisa.routing.max-hops                          | at least 1",
                "aisa.routing.fallbacks=gpt-4o,gpt-4o          | aisa.routing.fallbacks[1]                      | listed twice",
                "aisa.routing.fallbacks=claude-haiku-4-5,gpt-4o-mini | aisa.routing.fallbacks[1]                | same as aisa.chat.model",
                "aisa.routing.strategy=cheapest                | aisa.routing.strategy                          | not a routing strategy",
                "aisa.routing.strategy=tiered                  | aisa.routing.tiered.cheap-models               | is empty",
                "aisa.routing.strategy=weighted                | aisa.routing.weights                           | no model with a weight",
                "aisa.routing.weights.gpt-4o=-1                | aisa.routing.weights[gpt-4o]                   | must be 0 or more",
                "aisa.routing.tiered.premium-share=1.5         | aisa.routing.tiered.premium-share              | outside [0, 1]",
                "aisa.routing.quality-target=1.5               | aisa.routing.quality-target                    | between 0 and 1",
                "aisa.catalog.models[0].id=gpt-4o              | aisa.catalog.models[0].quality-index           | between 0 and 100",
                "aisa.routing.task-rules.coding=gpt-4o         | aisa.routing.task-rules.coding                 | names no task type",
                "aisa.routing.context-window-fallbacks=gemini-2.5-pro, | aisa.routing.context-window-fallbacks[1] | is blank",
                "aisa.base-url=ftp://example.com/v1            | aisa.base-url                                  | not a usable http(s) URL",
                "aisa.base-url=x                               | aisa.base-url                                  | not a usable http(s) URL",
                "aisa.routing.circuit-breaker.half-open-probes=0 | aisa.routing.circuit-breaker.half-open-probes | at least 1",
                "aisa.routing.circuit-breaker.unavailable-open-duration=0s | aisa.routing.circuit-breaker.unavailable-open-duration | must be positive",
                "aisa.retry.multiplier=0.5                     | aisa.retry.multiplier                          | must be at least 1.0",
                "aisa.retry.jitter=1                           | aisa.retry.jitter                              | must be in [0, 1)",
                "aisa.retry.initial-backoff=0s                 | aisa.retry.initial-backoff                     | positive duration",
                "aisa.retry.max-retry-after=-1s                | aisa.retry.max-retry-after                     | positive duration",
                "aisa.budget.limit=-1                          | aisa.budget.limit                              | negative",
                "aisa.budget.per-call-limit=0.01               | aisa.budget.limit                              | is not set",
                "aisa.budget.window=0s                         | aisa.budget.window                             | must be positive",
                "aisa.budget.action=shout                      | aisa.budget.action                             | not one of downgrade, fail",
                "aisa.catalog.models[0].id=acme-1              | aisa.catalog.models[0].context-window          | built-in catalog does not know",
                "aisa.catalog.models[0].family=gpt             | aisa.catalog.models[0].id                      | is not set",
                "aisa.catalog.models[0].id=gpt-4o              | aisa.catalog.models[0].capabilities            | not one of vision, tools, json-schema, reasoning",
                "aisa.catalog.models[0].id=gpt-4o              | aisa.catalog.models[0].input-price-per-million | negative",
            })
    void anUnusableValueFailsTheStartupNamingThePropertyAndTheFix(String setting, String property, String problem) {
        ApplicationContextRunner scenario = runner.withPropertyValues(setting);
        if (setting.startsWith("aisa.routing.fallbacks[0]")) {
            scenario = scenario.withPropertyValues("aisa.routing.fallbacks[1]=");
        }
        if (setting.startsWith("aisa.routing.fallbacks=claude-haiku-4-5")) {
            scenario = scenario.withPropertyValues("aisa.chat.model=gpt-4o-mini");
        }
        if (property.equals("aisa.catalog.models[0].capabilities")) {
            scenario = scenario.withPropertyValues("aisa.catalog.models[0].capabilities=tools,telepathy");
        }
        if (property.equals("aisa.catalog.models[0].quality-index")) {
            scenario = scenario.withPropertyValues("aisa.catalog.models[0].quality-index=120");
        }
        if (property.equals("aisa.catalog.models[0].input-price-per-million")) {
            scenario = scenario.withPropertyValues("aisa.catalog.models[0].input-price-per-million=-0.5");
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
    void aisaPropertiesWithoutAKeyFailTheStartupNamingTheKeyAndWhatIsSet() {
        ApplicationContextRunner withoutKey = new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(AisaAutoConfiguration.class, AisaApiKeyCheckAutoConfiguration.class));
        withoutKey
                .withPropertyValues("aisa.chat.model=gpt-4o", "aisa.routing.fallbacks=gpt-4o-mini")
                .run(context -> {
                    assertThat(context).hasFailed();
                    FailureAnalysis analysis =
                            new AisaConfigurationFailureAnalyzer().analyze(context.getStartupFailure());
                    assertThat(analysis.getDescription())
                            .isEqualTo("The AIsa property 'aisa.api-key' is not set, but aisa.chat.model,"
                                    + " aisa.routing.fallbacks are.");
                    assertThat(analysis.getAction()).contains("AISA_API_KEY").contains("remove the aisa.*");
                });
        withoutKey.withPropertyValues("spring.application.name=no-aisa").run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(AisaProperties.class);
        });
        withoutKey
                .withPropertyValues("aisa.chat.model=gpt-4o")
                .withBean(ChatModel.class, () -> new ChatModel() {})
                .run(context -> assertThat(context)
                        .as("a test bringing its own model needs no key")
                        .hasNotFailed());
        withoutKey
                .withPropertyValues("aisa.api-key=sk-test", "aisa.chat.model=gpt-4o")
                .run(context -> assertThat(context).hasNotFailed());
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
                .contains("The AIsa property 'aisa.max-retries' is rejected: maxRetries must be 0 or more, was -3.")
                .contains("Set it to 0 (no retries) or more");
    }

    @Configuration(proxyBeanMethods = false)
    @Import(AisaAutoConfiguration.class)
    static class EmptyApplication {}
}

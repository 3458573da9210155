package one.aisa.langchain4j.spring;

import static one.aisa.langchain4j.spring.Streams.stream;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.RetryPolicy;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelCapability;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.routing.Budget;
import one.aisa.langchain4j.routing.BudgetExceededException;
import one.aisa.langchain4j.routing.CircuitBreakerSettings;
import one.aisa.langchain4j.routing.RouteHealth;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingRequestParameters;
import one.aisa.langchain4j.routing.RoutingStreamingChatModel;
import one.aisa.langchain4j.routing.TaskRules;
import one.aisa.langchain4j.routing.TaskType;
import one.aisa.langchain4j.testkit.AisaSimulator;
import one.aisa.langchain4j.testkit.RecordedRequest;
import one.aisa.langchain4j.testkit.SimulatedFault;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;

/**
 * Strategies, chains, retries, budgets and the catalog from {@code aisa.*} properties, proven by calls through the
 * beans to the AIsa simulator: which model the gateway was asked for is the behaviour under test.
 */
class AisaRoutingPropertiesTests {

    static final AisaSimulator SIMULATOR = AisaSimulator.start();

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(AisaAutoConfiguration.class))
            .withPropertyValues(
                    "aisa.api-key=" + AisaSimulator.API_KEY,
                    "aisa.base-url=" + SIMULATOR.baseUrl(),
                    "aisa.timeout=10s");

    @BeforeEach
    void resetSimulator() {
        SIMULATOR.reset();
    }

    @AfterAll
    static void stopSimulator() {
        SIMULATOR.close();
    }

    private static ChatResponse ask(ChatModel model, String prompt) {
        return model.chat(
                ChatRequest.builder().messages(UserMessage.from(prompt)).build());
    }

    private static List<String> modelsAskedFor() {
        return SIMULATOR.chatRequests().stream().map(RecordedRequest::model).toList();
    }

    private static List<String> routes(ChatModel model) {
        return ((RoutingChatModel) model)
                .health().stream().map(RouteHealth::model).toList();
    }

    // ---------------------------------------------------------------- defaults

    @Test
    void unsetPropertiesGiveTheCoreBuildersDefaults() {
        runner.withPropertyValues("aisa.budget.limit=1").run(context -> {
            AisaProperties properties = context.getBean(AisaProperties.class);
            assertThat(properties.retryPolicy()).isEqualTo(RetryPolicy.defaults());
            assertThat(properties.routing().circuitBreaker().settings().toString())
                    .isEqualTo(CircuitBreakerSettings.defaults().toString());
            assertThat(properties.routing().routingStrategy()).isNull();
            assertThat(AisaRoutingProperties.taskRules(properties.routing().taskRules())
                            .toString())
                    .isEqualTo(TaskRules.defaults().toString());
            Budget coreDefaults = Budget.builder().limit(BigDecimal.ONE).build();
            Budget ours = context.getBean(Budget.class);
            assertThat(ours.window()).isEqualTo(coreDefaults.window());
            assertThat(ours.action()).isEqualTo(coreDefaults.action());
            assertThat(ours.perCallLimit()).isNull();
            assertThat(context.getBean(AisaModelCatalog.class).models())
                    .containsExactlyElementsOf(AisaModelCatalog.builtIn().models());
        });
    }

    @Test
    void withoutRoutingSettingsTheBeansArePlainModelsWithTheRetryProperties() {
        runner.withPropertyValues(
                        "aisa.max-retries=4",
                        "aisa.retry.initial-backoff=250ms",
                        "aisa.retry.multiplier=3",
                        "aisa.retry.jitter=0",
                        "aisa.retry.max-backoff=5s",
                        "aisa.retry.max-retry-after=10s")
                .run(context -> {
                    assertThat(context.getBean("aisaChatModel")).isInstanceOf(AisaChatModel.class);
                    assertThat(context).doesNotHaveBean(Budget.class);
                    assertThat(context.getBean(AisaChatModel.class).retryPolicy())
                            .isEqualTo(RetryPolicy.builder()
                                    .maxRetries(4)
                                    .initialBackoff(Duration.ofMillis(250))
                                    .multiplier(3)
                                    .jitter(0)
                                    .maxBackoff(Duration.ofSeconds(5))
                                    .maxRetryAfter(Duration.ofSeconds(10))
                                    .build());
                });
    }

    // ---------------------------------------------------------------- strategies

    @Test
    void cheapestCapableSendsAPlainPromptToTheCheaperModelOnBothBeans() {
        runner.withPropertyValues(
                        "aisa.chat.model=gpt-4o",
                        "aisa.routing.fallbacks=gpt-4o-mini",
                        "aisa.routing.strategy=cheapest-capable")
                .run(context -> {
                    ask(context.getBean(ChatModel.class), "Hello");
                    stream(context.getBean(StreamingChatModel.class), "Hello");

                    assertThat(modelsAskedFor()).containsExactly("gpt-4o-mini", "gpt-4o-mini");
                });
    }

    @Test
    void theStrategyNameIsReadInAnyCase() {
        runner.withPropertyValues(
                        "aisa.chat.model=gpt-4o",
                        "aisa.routing.fallbacks=gpt-4o-mini",
                        "aisa.routing.strategy=CHEAPEST_CAPABLE")
                .run(context -> {
                    ask(context.getBean(ChatModel.class), "Hello");
                    assertThat(modelsAskedFor()).containsExactly("gpt-4o-mini");
                });
    }

    @Test
    void tieredModelsJoinTheChainAndThePremiumShareDecides() {
        ApplicationContextRunner tiered = runner.withPropertyValues(
                "aisa.chat.model=gpt-4o-mini",
                "aisa.routing.strategy=tiered",
                "aisa.routing.tiered.cheap-models=gpt-4o-mini",
                "aisa.routing.tiered.premium-models=claude-sonnet-4-5");
        tiered.withPropertyValues("aisa.routing.tiered.premium-share=1").run(context -> {
            ChatModel model = context.getBean(ChatModel.class);
            assertThat(routes(model)).containsExactly("gpt-4o-mini", "claude-sonnet-4-5");
            ask(model, "Hello");
            assertThat(modelsAskedFor()).containsExactly("claude-sonnet-4-5");
        });
        SIMULATOR.reset();
        tiered.withPropertyValues("aisa.routing.tiered.premium-share=0").run(context -> {
            ask(context.getBean(ChatModel.class), "Hello");
            assertThat(modelsAskedFor()).containsExactly("gpt-4o-mini");
        });
    }

    @Test
    void qualityAwareRoutesByTheTargetAndTheCatalogsQualityIndexes() {
        ApplicationContextRunner qualityAware = runner.withPropertyValues(
                "aisa.chat.model=claude-sonnet-4-5",
                "aisa.routing.fallbacks=gpt-4o-mini",
                "aisa.routing.strategy=quality-aware");
        qualityAware.withPropertyValues("aisa.routing.quality-target=1").run(context -> {
            ask(context.getBean(ChatModel.class), "Hello");
            stream(context.getBean(StreamingChatModel.class), "Hello");
            assertThat(modelsAskedFor()).containsExactly("claude-sonnet-4-5", "claude-sonnet-4-5");
        });
        SIMULATOR.reset();
        qualityAware.withPropertyValues("aisa.routing.quality-target=0").run(context -> {
            ask(context.getBean(ChatModel.class), "Hello");
            assertThat(modelsAskedFor()).containsExactly("gpt-4o-mini");
        });
        SIMULATOR.reset();
        // a quality index set in properties: gpt-4o-mini made as good as the best, so even a target of 1 takes it
        qualityAware
                .withPropertyValues(
                        "aisa.routing.quality-target=1",
                        "aisa.catalog.models[0].id=gpt-4o-mini",
                        "aisa.catalog.models[0].quality-index=91",
                        "aisa.catalog.models[0].quality-source=our own evaluation")
                .run(context -> {
                    ModelInfo mini = context.getBean(AisaModelCatalog.class).require("gpt-4o-mini");
                    assertThat(mini.quality().value()).isEqualTo(91.0);
                    assertThat(mini.quality().source()).isEqualTo("our own evaluation");
                    ask(context.getBean(ChatModel.class), "Hello");
                    assertThat(modelsAskedFor()).containsExactly("gpt-4o-mini");
                });
    }

    @Test
    void weightedSendsEveryCallToTheOnlyModelWithAWeightAndBindsIdsWithDots() {
        runner.withPropertyValues(
                        "aisa.chat.model=gpt-4o-mini",
                        "aisa.routing.strategy=weighted",
                        "aisa.routing.weights.claude-haiku-4-5=1",
                        "aisa.routing.weights[gpt-4.1]=0")
                .run(context -> {
                    ChatModel model = context.getBean(ChatModel.class);
                    assertThat(routes(model))
                            .as("models the weights name join the chain in the order written")
                            .containsExactly("gpt-4o-mini", "claude-haiku-4-5", "gpt-4.1");
                    for (int i = 0; i < 3; i++) {
                        ask(model, "Hello " + i);
                    }
                    assertThat(modelsAskedFor())
                            .containsOnly("claude-haiku-4-5")
                            .hasSize(3);
                });
    }

    @Test
    void weightKeysWithDotsBindWithoutBracketsInPropertiesAndYaml() throws Exception {
        runner.withPropertyValues(
                        "aisa.chat.model=gpt-4o-mini",
                        "aisa.routing.strategy=weighted",
                        "aisa.routing.weights.gpt-4.1=1")
                .run(context -> assertThat(
                                context.getBean(AisaProperties.class).routing().weights())
                        .containsOnlyKeys("gpt-4.1"));
        String yaml = """
                aisa:
                  routing:
                    strategy: weighted
                    weights:
                      gpt-4.1: 2
                      claude-haiku-4-5: 1
                """;
        List<PropertySource<?>> sources = new YamlPropertySourceLoader()
                .load("weights.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)));
        runner.withInitializer(context -> sources.forEach(
                        source -> context.getEnvironment().getPropertySources().addFirst(source)))
                .run(context -> assertThat(
                                context.getBean(AisaProperties.class).routing().weights())
                        .containsOnly(Map.entry("gpt-4.1", 2), Map.entry("claude-haiku-4-5", 1)));
    }

    @Test
    void byTaskTakesTheTaskRulesFromPropertiesAndKeepsTheBuiltInOnesForOtherTasks() {
        runner.withPropertyValues(
                        "aisa.chat.model=gpt-4o-mini",
                        "aisa.routing.strategy=by-task",
                        "aisa.routing.task-rules.code=claude-haiku-4-5")
                .run(context -> {
                    ChatModel model = context.getBean(ChatModel.class);
                    assertThat(routes(model)).containsExactly("gpt-4o-mini", "claude-haiku-4-5");
                    model.chat(ChatRequest.builder()
                            .messages(UserMessage.from("Reverse a list"))
                            .parameters(RoutingRequestParameters.builder()
                                    .taskType(TaskType.CODE)
                                    .build())
                            .build());
                    model.chat(ChatRequest.builder()
                            .messages(UserMessage.from("Hello"))
                            .parameters(RoutingRequestParameters.builder()
                                    .taskType(TaskType.GENERAL)
                                    .build())
                            .build());

                    assertThat(modelsAskedFor()).containsExactly("claude-haiku-4-5", "gpt-4o-mini");
                });
    }

    // ---------------------------------------------------------------- chains

    @Test
    void aPromptTooLongForThePrimaryMovesAlongTheContextWindowChain() {
        SIMULATOR.failAlways("gpt-4o-mini", SimulatedFault.contextLengthExceeded());
        runner.withPropertyValues(
                        "aisa.chat.model=gpt-4o-mini",
                        "aisa.routing.fallbacks=claude-haiku-4-5",
                        "aisa.routing.context-window-fallbacks=gemini-2.5-flash")
                .run(context -> {
                    ChatResponse response = ask(context.getBean(ChatModel.class), "A very long prompt");

                    assertThat(modelsAskedFor()).containsExactly("gpt-4o-mini", "gemini-2.5-flash");
                    assertThat(((AisaChatResponseMetadata) response.metadata())
                                    .route()
                                    .answeredBy())
                            .isEqualTo("gemini-2.5-flash");
                });
    }

    @Test
    void aContentPolicyRefusalMovesAlongTheContentPolicyChainOnly() {
        SIMULATOR.failAlways("gpt-4o-mini", SimulatedFault.contentPolicy());
        runner.withPropertyValues(
                        "aisa.chat.model=gpt-4o-mini",
                        "aisa.routing.fallbacks=claude-haiku-4-5",
                        "aisa.routing.content-policy-fallbacks=qwen3-max")
                .run(context -> {
                    ask(context.getBean(ChatModel.class), "Something delicate");
                    assertThat(modelsAskedFor()).containsExactly("gpt-4o-mini", "qwen3-max");
                });
    }

    @Test
    void aModelInTwoChainsIsOneModelWithOneBreaker() {
        runner.withPropertyValues(
                        "aisa.chat.model=gpt-4o-mini",
                        "aisa.routing.fallbacks=gemini-2.5-flash",
                        "aisa.routing.context-window-fallbacks=gemini-2.5-flash")
                .run(context -> assertThat(routes(context.getBean(ChatModel.class)))
                        .containsExactly("gpt-4o-mini", "gemini-2.5-flash"));
    }

    @Test
    void aModelWithoutAChannelIsSkippedForTheConfiguredUnavailableOpenDuration() {
        SIMULATOR.failAlways("gpt-4o", SimulatedFault.noAvailableChannel());
        MutableClock clock = new MutableClock();
        runner.withBean(AisaRouterCustomizer.class, () -> router -> router.clock(clock))
                .withPropertyValues(
                        "aisa.chat.model=gpt-4o",
                        "aisa.routing.fallbacks=gpt-4o-mini",
                        "aisa.routing.circuit-breaker.unavailable-open-duration=10m")
                .run(context -> {
                    ChatModel model = context.getBean(ChatModel.class);
                    ask(model, "Hello"); // gpt-4o: no channel, skipped from now on
                    clock.advance(Duration.ofMinutes(6)); // past the 5 min default
                    ask(model, "Hello again");
                    assertThat(modelsAskedFor()).containsExactly("gpt-4o", "gpt-4o-mini", "gpt-4o-mini");

                    clock.advance(Duration.ofMinutes(4).plusSeconds(1)); // past the configured 10 min
                    ask(model, "Hello once more");
                    assertThat(modelsAskedFor().subList(3, 5)).containsExactly("gpt-4o", "gpt-4o-mini");
                });
    }

    /** A clock the test moves; the routers take it through an {@link AisaRouterCustomizer}. */
    static final class MutableClock extends Clock {

        private volatile Instant now = Instant.parse("2026-11-24T09:00:00Z");

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

    @Test
    void routerRetriesFollowTheRetryProperties() {
        SIMULATOR.failNext("gpt-4o-mini", 1, SimulatedFault.status(500));
        runner.withPropertyValues(
                        "aisa.routing.strategy=cheapest-capable",
                        "aisa.max-retries=1",
                        "aisa.retry.initial-backoff=1ms",
                        "aisa.retry.max-backoff=1ms",
                        "aisa.retry.jitter=0")
                .run(context -> {
                    ask(context.getBean(ChatModel.class), "Hello");
                    assertThat(modelsAskedFor()).containsExactly("gpt-4o-mini", "gpt-4o-mini");
                });
        SIMULATOR.reset();
        SIMULATOR.failNext("gpt-4o-mini", 1, SimulatedFault.status(500));
        runner.withPropertyValues("aisa.routing.strategy=cheapest-capable", "aisa.max-retries=0")
                .run(context -> assertThatThrownBy(() -> ask(context.getBean(ChatModel.class), "Hello"))
                        .hasMessageContaining("500"));
    }

    // ---------------------------------------------------------------- budget

    @Test
    void aBudgetAloneMakesBothBeansRoutersThatSpendFromOnePurse() {
        runner.withPropertyValues("aisa.budget.limit=0.0000001", "aisa.budget.action=fail")
                .run(context -> {
                    assertThat(context.getBean("aisaChatModel")).isInstanceOf(RoutingChatModel.class);
                    assertThat(context.getBean("aisaStreamingChatModel")).isInstanceOf(RoutingStreamingChatModel.class);
                    assertThat(context.getBean(Budget.class).action()).isEqualTo(Budget.Action.FAIL);

                    ask(context.getBean(ChatModel.class), "Hello"); // costs more than the whole limit

                    assertThatThrownBy(() -> ask(context.getBean(ChatModel.class), "Hello again"))
                            .isInstanceOf(BudgetExceededException.class);
                    assertThatThrownBy(() -> stream(context.getBean(StreamingChatModel.class), "Hello again"))
                            .hasCauseInstanceOf(BudgetExceededException.class);
                    assertThat(modelsAskedFor()).hasSize(1);
                });
    }

    @Test
    void aSpentBudgetWithDowngradeMovesToTheCheapestCapableModel() {
        runner.withPropertyValues(
                        "aisa.chat.model=gpt-4o",
                        "aisa.routing.fallbacks=gpt-4o-mini",
                        "aisa.budget.limit=0.0000001",
                        "aisa.budget.window=1h")
                .run(context -> {
                    ChatModel model = context.getBean(ChatModel.class);
                    ask(model, "Hello");
                    ask(model, "Hello again");
                    assertThat(modelsAskedFor()).containsExactly("gpt-4o", "gpt-4o-mini");
                });
    }

    @Test
    void aPerCallLimitSkipsModelsEstimatedAboveIt() {
        runner.withPropertyValues(
                        "aisa.chat.model=claude-sonnet-4-5",
                        "aisa.routing.fallbacks=gpt-4o-mini",
                        "aisa.budget.limit=100",
                        "aisa.budget.per-call-limit=0.001")
                .run(context -> {
                    ask(context.getBean(ChatModel.class), "x".repeat(2_000));
                    assertThat(modelsAskedFor()).containsExactly("gpt-4o-mini");
                });
    }

    @Test
    void anApplicationBudgetBeanIsUsedAndMakesRouters() {
        runner.withUserConfiguration(ApplicationBudget.class).run(context -> {
            assertThat(context).hasSingleBean(Budget.class);
            assertThat(context.getBean("aisaChatModel")).isInstanceOf(RoutingChatModel.class);
            assertThatThrownBy(() -> ask(context.getBean(ChatModel.class), "Hello"))
                    .isInstanceOf(BudgetExceededException.class);
            assertThat(SIMULATOR.chatRequests()).isEmpty();
        });
    }

    // ---------------------------------------------------------------- catalog

    @Test
    void catalogEntriesAddModelsAndCorrectBuiltInOnesKeepingWhatTheyLeaveUnset() {
        runner.withPropertyValues(
                        "aisa.catalog.models[0].id=acme-finetune",
                        "aisa.catalog.models[0].family=gpt",
                        "aisa.catalog.models[0].capabilities=tools,json-schema",
                        "aisa.catalog.models[0].context-window=32000",
                        "aisa.catalog.models[0].input-price-per-million=0.10",
                        "aisa.catalog.models[0].output-price-per-million=0.40",
                        "aisa.catalog.models[0].priced-on=2026-11-01",
                        "aisa.catalog.models[1].id=gpt-4o",
                        "aisa.catalog.models[1].input-price-per-million=0.01")
                .run(context -> {
                    AisaModelCatalog catalog = context.getBean(AisaModelCatalog.class);
                    ModelInfo added = catalog.require("acme-finetune");
                    assertThat(added.capabilities())
                            .containsExactlyInAnyOrder(ModelCapability.TOOLS, ModelCapability.JSON_SCHEMA);
                    assertThat(added.contextWindow()).isEqualTo(32_000);
                    assertThat(added.outputPricePerMillion()).isEqualByComparingTo("0.40");
                    assertThat(added.pricedOn()).hasToString("2026-11-01");
                    assertThat(added.provider()).isEqualTo("unknown");
                    ModelInfo corrected = catalog.require("gpt-4o");
                    ModelInfo builtIn = AisaModelCatalog.builtIn().require("gpt-4o");
                    assertThat(corrected.inputPricePerMillion()).isEqualByComparingTo("0.01");
                    assertThat(corrected.outputPricePerMillion()).isEqualByComparingTo(builtIn.outputPricePerMillion());
                    assertThat(corrected.capabilities()).isEqualTo(builtIn.capabilities());
                    assertThat(context.getBean(CostTracker.class).canEstimate("acme-finetune"))
                            .isTrue();
                });
    }

    @Test
    void strategiesAndBudgetsPriceWithTheConfiguredCatalog() {
        runner.withPropertyValues(
                        "aisa.chat.model=gpt-4o-mini",
                        "aisa.routing.fallbacks=gpt-4o",
                        "aisa.routing.strategy=cheapest-capable",
                        "aisa.catalog.models[0].id=gpt-4o",
                        "aisa.catalog.models[0].input-price-per-million=0.001",
                        "aisa.catalog.models[0].output-price-per-million=0.001")
                .run(context -> {
                    ask(context.getBean(ChatModel.class), "Hello");
                    assertThat(modelsAskedFor()).containsExactly("gpt-4o");
                });
    }

    @Test
    void anApplicationCatalogBeanReplacesOursEverywhere() {
        runner.withUserConfiguration(ApplicationCatalog.class)
                .withPropertyValues("aisa.routing.strategy=cheapest-capable", "aisa.routing.fallbacks=gpt-4o")
                .run(context -> {
                    assertThat(context).hasSingleBean(AisaModelCatalog.class);
                    assertThat(context.getBean(CostTracker.class).canEstimate("gpt-4o-mini"))
                            .isFalse();
                    ask(context.getBean(ChatModel.class), "Hello"); // gpt-4o-mini is unpriced there: tried last
                    assertThat(modelsAskedFor()).containsExactly("gpt-4o");
                });
    }

    // ---------------------------------------------------------------- router customizer

    @Test
    void routerCustomizersAdjustBothRoutersInOrderAfterTheProperties() {
        runner.withUserConfiguration(RouterCustomizers.class)
                .withPropertyValues("aisa.routing.fallbacks=gpt-4o")
                .run(context -> {
                    assertThat(context.getBean(RouterCustomizers.class).seen)
                            .containsExactly(
                                    "first:RoutingChatModelBuilder",
                                    "second:RoutingChatModelBuilder",
                                    "first:RoutingStreamingChatModelBuilder",
                                    "second:RoutingStreamingChatModelBuilder");
                    // the second customizer switched the breakers off: ten failures do not open one
                    SIMULATOR.failAlways("gpt-4o-mini", SimulatedFault.status(500));
                    ChatModel model = context.getBean(ChatModel.class);
                    for (int i = 0; i < 10; i++) {
                        ask(model, "Hello " + i);
                    }
                    assertThat(modelsAskedFor().stream()
                                    .filter("gpt-4o-mini"::equals)
                                    .count())
                            .isEqualTo(10);
                });
    }

    @Test
    void withoutRoutingThereIsNoRouterForCustomizersToSee() {
        runner.withUserConfiguration(RouterCustomizers.class).run(context -> {
            assertThat(context.getBean(RouterCustomizers.class).seen).isEmpty();
            assertThat(context.getBean("aisaChatModel")).isInstanceOf(AisaChatModel.class);
        });
    }

    // ---------------------------------------------------------------- the README's example

    @Test
    void theReadmesYamlExampleStartsAndRoutesAsItSays() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        Matcher block = Pattern.compile("```yaml\n(aisa:\n(?:(?!```).*\n)*?.*strategy: tiered(?:(?!```).*\n)*)```")
                .matcher(readme);
        assertThat(block.find()).as("the README's tiered YAML example").isTrue();
        List<PropertySource<?>> yaml = new YamlPropertySourceLoader()
                .load("README.md", new ByteArrayResource(block.group(1).getBytes(StandardCharsets.UTF_8)));

        runner.withInitializer(context -> yaml.forEach(
                        source -> context.getEnvironment().getPropertySources().addFirst(source)))
                .withPropertyValues("aisa.base-url=" + SIMULATOR.baseUrl())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(routes(context.getBean(ChatModel.class)))
                            .containsExactly("gpt-4o-mini", "claude-sonnet-4-5");
                    assertThat(context.getBean(Budget.class).limit()).isEqualByComparingTo("5");
                    ModelInfo acme = context.getBean(AisaModelCatalog.class).require("acme-finetune");
                    assertThat(acme.capabilities())
                            .containsExactlyInAnyOrder(ModelCapability.TOOLS, ModelCapability.JSON_SCHEMA);
                    ask(context.getBean(ChatModel.class), "Hello");
                    assertThat(modelsAskedFor()).containsExactly("gpt-4o-mini");
                });
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationBudget {
        @Bean
        Budget myBudget() {
            return Budget.builder()
                    .limit(BigDecimal.ZERO)
                    .action(Budget.Action.FAIL)
                    .build();
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class ApplicationCatalog {
        @Bean
        AisaModelCatalog myCatalog() {
            return AisaModelCatalog.of(List.of(AisaModelCatalog.builtIn().require("gpt-4o")));
        }
    }

    @Configuration(proxyBeanMethods = false)
    static class RouterCustomizers {

        final List<String> seen = new CopyOnWriteArrayList<>();

        @Bean
        @Order(2)
        AisaRouterCustomizer second() {
            return builder -> {
                seen.add("second:" + builder.getClass().getSimpleName());
                builder.circuitBreaker(CircuitBreakerSettings.disabled());
            };
        }

        @Bean
        @Order(1)
        AisaRouterCustomizer first() {
            return builder -> seen.add("first:" + builder.getClass().getSimpleName());
        }
    }
}

package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.routing.RouteHealth;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingStreamingChatModel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.env.SystemEnvironmentPropertySource;

@ExtendWith(OutputCaptureExtension.class)
class AisaAutoConfigurationTests {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(
                    AutoConfigurations.of(AisaAutoConfiguration.class, AisaApiKeyCheckAutoConfiguration.class));

    private final ApplicationContextRunner withKey = runner.withPropertyValues("aisa.api-key=sk-test");

    @Test
    void withoutAKeyThereAreNoModelBeans() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).doesNotHaveBean(ChatModel.class);
            assertThat(context).doesNotHaveBean(StreamingChatModel.class);
            assertThat(context).doesNotHaveBean(AisaProperties.class);
        });
    }

    @Test
    void aKeyGivesExactlyOneChatModelAndOneStreamingChatModel() {
        withKey.run(context -> {
            assertThat(context).hasSingleBean(ChatModel.class);
            assertThat(context).hasSingleBean(StreamingChatModel.class);
            assertThat(context.getBean("aisaChatModel")).isInstanceOf(AisaChatModel.class);
            assertThat(context.getBean("aisaStreamingChatModel")).isInstanceOf(AisaStreamingChatModel.class);
            assertThat(context).hasSingleBean(CostTracker.class);
        });
    }

    @Test
    void theKeyBindsFromTheEnvironmentVariableName() {
        runner.withInitializer(context -> context.getEnvironment()
                        .getPropertySources()
                        .replace(
                                StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                new SystemEnvironmentPropertySource(
                                        StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME,
                                        Map.of("AISA_API_KEY", "sk-from-env"))))
                .run(context -> {
                    assertThat(context).hasSingleBean(ChatModel.class);
                    assertThat(context.getBean(AisaProperties.class).apiKey()).isEqualTo("sk-from-env");
                });
    }

    @Test
    void theKeyIsInNoToStringOfTheBeansNorInTheStartupLog(CapturedOutput output) {
        String key = "sk-aisa-0123456789abcdef-never-print-me";
        runner.withPropertyValues(
                        "aisa.api-key=" + key,
                        "aisa.routing.fallbacks=gpt-4o",
                        "aisa.log-requests=true",
                        "logging.level.one.aisa=DEBUG")
                .run(context -> {
                    assertThat(context.getBean(AisaProperties.class).apiKey()).isEqualTo(key);
                    assertThat(context.getBean(AisaProperties.class).toString())
                            .contains("apiKey=***")
                            .doesNotContain(key);
                    for (String name : context.getBeanDefinitionNames()) {
                        assertThat(String.valueOf(context.getBean(name)))
                                .as(name)
                                .doesNotContain(key);
                    }
                });
        assertThat(output).doesNotContain(key);
    }

    @Test
    void propertiesReachTheModels() {
        withKey.withPropertyValues(
                        "aisa.base-url=http://localhost:9999/v1",
                        "aisa.chat.model=claude-sonnet-4-5",
                        "aisa.chat.temperature=0.25",
                        "aisa.chat.max-tokens=300",
                        "aisa.chat.top-p=0.5",
                        "aisa.timeout=5s",
                        "aisa.max-retries=0")
                .run(context -> {
                    AisaChatModel chat = context.getBean(AisaChatModel.class);
                    assertThat(chat.modelName()).isEqualTo("claude-sonnet-4-5");
                    assertThat(chat.baseUrl()).isEqualTo("http://localhost:9999/v1");
                    assertThat(chat.retryPolicy().maxRetries()).isZero();
                    assertThat(chat.defaultRequestParameters().temperature()).isEqualTo(0.25);
                    assertThat(chat.defaultRequestParameters().maxOutputTokens())
                            .isEqualTo(300);
                    assertThat(chat.defaultRequestParameters().topP()).isEqualTo(0.5);
                    AisaStreamingChatModel streaming = context.getBean(AisaStreamingChatModel.class);
                    assertThat(streaming.modelName()).isEqualTo("claude-sonnet-4-5");
                    assertThat(streaming.baseUrl()).isEqualTo("http://localhost:9999/v1");
                    assertThat(context.getBean(AisaProperties.class).timeout()).isEqualTo(Duration.ofSeconds(5));
                });
    }

    @Test
    void defaultsApply() {
        withKey.run(context -> {
            AisaProperties properties = context.getBean(AisaProperties.class);
            // unset values are null, and the core builders supply the defaults
            assertThat(properties.baseUrl()).isNull();
            assertThat(properties.timeout()).isNull();
            assertThat(properties.maxRetries()).isNull();
            assertThat(properties.chat().model()).isEqualTo("gpt-4o-mini");
            assertThat(properties.routing().fallbacks()).isEmpty();
            assertThat(properties.routing().circuitBreaker().settings().enabled())
                    .isTrue();
            AisaChatModel chat = context.getBean(AisaChatModel.class);
            assertThat(chat.modelName()).isEqualTo("gpt-4o-mini");
            assertThat(chat.baseUrl()).isEqualTo("https://api.aisa.one/v1");
            assertThat(chat.retryPolicy().maxRetries()).isEqualTo(2);
        });
    }

    @Test
    void fallbacksGiveRoutersAndStillOneBeanOfEachType() {
        withKey.withPropertyValues("aisa.chat.model=gpt-4o", "aisa.routing.fallbacks=gpt-4o-mini,claude-sonnet-4-5")
                .run(context -> {
                    assertThat(context).hasSingleBean(ChatModel.class);
                    assertThat(context).hasSingleBean(StreamingChatModel.class);
                    assertThat(context.getBean("aisaChatModel")).isInstanceOf(RoutingChatModel.class);
                    assertThat(context.getBean("aisaStreamingChatModel")).isInstanceOf(RoutingStreamingChatModel.class);
                    assertThat(context.getBean(RoutingChatModel.class).health())
                            .extracting(RouteHealth::model)
                            .containsExactly("gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5");
                    assertThat(context.getBean(RoutingStreamingChatModel.class).health())
                            .extracting(RouteHealth::model)
                            .containsExactly("gpt-4o", "gpt-4o-mini", "claude-sonnet-4-5");
                });
    }

    @Test
    void fallbacksBindFromIndexedProperties() {
        withKey.withPropertyValues("aisa.routing.fallbacks[0]=gpt-4o", "aisa.routing.fallbacks[1]=claude-sonnet-4-5")
                .run(context -> assertThat(
                                context.getBean(AisaProperties.class).routing().fallbacks())
                        .containsExactly("gpt-4o", "claude-sonnet-4-5"));
    }

    @Test
    void userModelsWin() {
        ChatModel mine = new FixedChatModel();
        StreamingChatModel myStreaming = new StreamingChatModel() {};
        withKey.withBean("myChatModel", ChatModel.class, () -> mine)
                .withBean("myStreamingChatModel", StreamingChatModel.class, () -> myStreaming)
                .run(context -> {
                    assertThat(context).hasSingleBean(ChatModel.class);
                    assertThat(context).hasSingleBean(StreamingChatModel.class);
                    assertThat(context.getBean(ChatModel.class)).isSameAs(mine);
                    assertThat(context.getBean(StreamingChatModel.class)).isSameAs(myStreaming);
                    assertThat(context).doesNotHaveBean("aisaChatModel");
                    assertThat(context).doesNotHaveBean("aisaStreamingChatModel");
                });
    }

    @Test
    void aUserCostTrackerReplacesOurs() {
        CostTracker mine = new CostTracker();
        withKey.withBean("myCosts", CostTracker.class, () -> mine).run(context -> {
            assertThat(context).hasSingleBean(CostTracker.class);
            assertThat(context.getBean(AisaChatModel.class).listeners()).containsExactly(mine);
        });
    }

    @Test
    void listenersAreAttachedInOrderWithTheCostTracker() {
        withKey.withUserConfiguration(OrderedListeners.class).run(context -> {
            CostTracker costs = context.getBean(CostTracker.class);
            ChatModelListener first = context.getBean("first", ChatModelListener.class);
            ChatModelListener second = context.getBean("second", ChatModelListener.class);
            assertThat(context.getBean(AisaChatModel.class).listeners()).containsExactly(first, second, costs);
            assertThat(context.getBean(AisaStreamingChatModel.class).listeners())
                    .containsExactly(first, second, costs);
        });
    }

    @Test
    void withFallbacksListenersAreOnTheRouterOnly() {
        withKey.withUserConfiguration(OrderedListeners.class)
                .withPropertyValues("aisa.routing.fallbacks=gpt-4o")
                .run(context -> {
                    CostTracker costs = context.getBean(CostTracker.class);
                    ChatModelListener first = context.getBean("first", ChatModelListener.class);
                    ChatModelListener second = context.getBean("second", ChatModelListener.class);
                    assertThat(context.getBean(RoutingChatModel.class).listeners())
                            .containsExactly(first, second, costs);
                    assertThat(context.getBean(RoutingStreamingChatModel.class).listeners())
                            .containsExactly(first, second, costs);
                });
    }

    @Test
    void customizersAdjustEveryModelInOrder() {
        AtomicInteger calls = new AtomicInteger();
        withKey.withPropertyValues("aisa.chat.temperature=0.9")
                .withBean("customizer", AisaChatModelCustomizer.class, () -> builder -> {
                    calls.incrementAndGet();
                    builder.temperature(0.1);
                })
                .run(context -> {
                    assertThat(context.getBean(AisaChatModel.class)
                                    .defaultRequestParameters()
                                    .temperature())
                            .isEqualTo(0.1);
                    assertThat(context.getBean(AisaStreamingChatModel.class)
                                    .defaultRequestParameters()
                                    .temperature())
                            .isEqualTo(0.1);
                    assertThat(calls).hasValue(2);
                });
    }

    @Test
    void customizersAlsoReachEachFallback() {
        AtomicInteger calls = new AtomicInteger();
        withKey.withPropertyValues("aisa.routing.fallbacks=gpt-4o,claude-sonnet-4-5")
                .withBean("customizer", AisaChatModelCustomizer.class, () -> builder -> calls.incrementAndGet())
                .run(context -> assertThat(calls).hasValue(6));
    }

    @Configuration(proxyBeanMethods = false)
    static class OrderedListeners {

        @Bean
        @Order(2)
        ChatModelListener second() {
            return new ChatModelListener() {};
        }

        @Bean
        @Order(1)
        ChatModelListener first() {
            return new ChatModelListener() {};
        }
    }

    static final class FixedChatModel implements ChatModel {
        @Override
        public ChatResponse doChat(ChatRequest chatRequest) {
            return ChatResponse.builder()
                    .aiMessage(dev.langchain4j.data.message.AiMessage.from("mine"))
                    .build();
        }

        @Override
        public List<ChatModelListener> listeners() {
            return List.of();
        }
    }
}

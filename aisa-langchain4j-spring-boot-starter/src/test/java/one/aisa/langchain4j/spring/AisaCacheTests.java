package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.service.AiServices;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.cache.CachingStreamingChatModel;
import one.aisa.langchain4j.cache.ResponseCache;
import one.aisa.langchain4j.cost.CostReport;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.testkit.AisaSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** {@code aisa.cache.*}: both model beans behind one shared cache, counted in metrics, costs and the endpoint. */
class AisaCacheTests {

    private AisaSimulator simulator;

    @BeforeEach
    void start() {
        simulator = AisaSimulator.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    interface Assistant {
        String chat(String message);
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(
                        AisaMetricsAutoConfiguration.class,
                        AisaAutoConfiguration.class,
                        AisaEndpointAutoConfiguration.class))
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withPropertyValues(
                        "aisa.api-key=" + AisaSimulator.API_KEY,
                        "aisa.base-url=" + simulator.baseUrl(),
                        "aisa.cache.enabled=true");
    }

    @Test
    void bothBeansShareOneCacheAndARepeatedQuestionIsAnsweredOnce() {
        runner().run(context -> {
            assertThat(context.getBean(ChatModel.class)).isInstanceOf(CachingChatModel.class);
            assertThat(context.getBean(StreamingChatModel.class)).isInstanceOf(CachingStreamingChatModel.class);
            ResponseCache cache = context.getBean(ResponseCache.class);
            assertThat(((CachingChatModel) context.getBean(ChatModel.class)).cache())
                    .isSameAs(cache);
            MeterRegistry registry = context.getBean(MeterRegistry.class);

            Assistant assistant = AiServices.create(Assistant.class, context.getBean(ChatModel.class));
            String first = assistant.chat("Capital of Germany?");
            String second = assistant.chat("Capital of Germany?");
            CompletableFuture<ChatResponse> streamed = new CompletableFuture<>();
            context.getBean(StreamingChatModel.class).chat("Capital of Germany?", new StreamingChatResponseHandler() {
                @Override
                public void onCompleteResponse(ChatResponse response) {
                    streamed.complete(response);
                }

                @Override
                public void onError(Throwable error) {
                    streamed.completeExceptionally(error);
                }
            });
            ChatResponse replay = streamed.get(10, TimeUnit.SECONDS);

            assertThat(second).isEqualTo(first);
            assertThat(replay.aiMessage().text()).isEqualTo(first);
            assertThat(((AisaChatResponseMetadata) replay.metadata()).cacheHit())
                    .isNotNull();
            assertThat(simulator.chatRequests()).hasSize(1);

            assertThat(registry.get("aisa.cache.requests")
                            .tag("result", "hit")
                            .counter()
                            .count())
                    .isEqualTo(2);
            assertThat(registry.get("aisa.cache.requests")
                            .tag("result", "miss")
                            .counter()
                            .count())
                    .isEqualTo(1);
            assertThat(registry.get("aisa.cache.saved.cost").counter().count()).isPositive();
            CostReport costs = context.getBean(CostTracker.class).snapshot();
            assertThat(costs.totalCalls()).isEqualTo(1);
            assertThat(costs.totalCacheHits()).isEqualTo(2);
            assertThat(costs.totalSavedCost())
                    .isEqualByComparingTo(costs.totalCost().multiply(java.math.BigDecimal.valueOf(2)));

            @SuppressWarnings("unchecked")
            Map<String, Object> cacheReport = (Map<String, Object>)
                    context.getBean(AisaEndpoint.class).aisa().get("cache");
            assertThat(cacheReport).containsEntry("hits", 2L).containsEntry("entries", 1L);
        });
    }

    @Test
    void aRouterGoesBehindTheCacheAndItsCircuitsStayVisible() {
        runner().withPropertyValues("aisa.chat.model=gpt-4o", "aisa.routing.fallbacks=gpt-4o-mini")
                .run(context -> {
                    CachingChatModel cached = (CachingChatModel) context.getBean(ChatModel.class);
                    assertThat(cached.cachedModel()).isInstanceOf(RoutingChatModel.class);
                    MeterRegistry registry = context.getBean(MeterRegistry.class);
                    context.getBeansOfType(MeterBinder.class).values().forEach(binder -> binder.bindTo(registry));
                    assertThat(registry.find("aisa.routing.circuit.open").gauges())
                            .hasSize(4);
                    assertThat(context.getBean(AisaEndpoint.class).aisa()).containsKey("circuits");
                });
    }

    @Test
    void aTtlThatIsNotPositiveFailsNamingTheProperty() {
        runner().withPropertyValues("aisa.cache.ttl=0s").run(context -> {
            assertThat(context).hasFailed();
            AisaConfigurationException cause = (AisaConfigurationException)
                    org.springframework.core.NestedExceptionUtils.getRootCause(context.getStartupFailure());
            assertThat(cause.getMessage()).contains("aisa.cache.ttl");
        });
    }

    @Test
    void offByDefault() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(AisaAutoConfiguration.class))
                .withPropertyValues("aisa.api-key=" + AisaSimulator.API_KEY)
                .run(context -> {
                    assertThat(context.getBean(ChatModel.class)).isNotInstanceOf(CachingChatModel.class);
                    assertThat(context).doesNotHaveBean(ResponseCache.class);
                });
    }

    @Test
    void semanticMatchingUsesTheApplicationsEmbeddingModel() {
        runner().withPropertyValues("aisa.cache.semantic.enabled=true", "aisa.cache.semantic.threshold=0.9")
                .withBean(
                        dev.langchain4j.model.embedding.EmbeddingModel.class,
                        dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel::new)
                .run(context -> {
                    ChatModel model = context.getBean(ChatModel.class);
                    model.chat("How do I reset my password?");
                    ChatResponse rephrased = model.chat(dev.langchain4j.model.chat.request.ChatRequest.builder()
                            .messages(dev.langchain4j.data.message.UserMessage.from("How can I reset my password?"))
                            .build());

                    assertThat(((AisaChatResponseMetadata) rephrased.metadata())
                                    .cacheHit()
                                    .kind())
                            .isEqualTo(one.aisa.langchain4j.CacheHit.Kind.SEMANTIC);
                    assertThat(simulator.chatRequests()).hasSize(1);
                });
    }

    @Test
    void semanticMatchingWithoutAnEmbeddingModelFailsSayingWhatToAdd() {
        runner().withPropertyValues("aisa.cache.semantic.enabled=true").run(context -> {
            assertThat(context).hasFailed();
            AisaConfigurationException cause = (AisaConfigurationException)
                    org.springframework.core.NestedExceptionUtils.getRootCause(context.getStartupFailure());
            assertThat(cause.getMessage())
                    .contains("aisa.cache.semantic.enabled")
                    .contains("AllMiniLmL6V2QuantizedEmbeddingModel");
        });
    }
}

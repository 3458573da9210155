package one.aisa.langchain4j.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import java.util.List;
import java.util.stream.Stream;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaModelBuilder;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.RetryPolicy;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.routing.CircuitBreakerSettings;
import one.aisa.langchain4j.routing.RouterBuilder;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingStreamingChatModel;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * The AIsa models, switched on by {@code aisa.api-key} (Spring's relaxed binding maps the environment variable
 * {@code AISA_API_KEY} to it).
 *
 * <p>Exactly one {@link ChatModel} bean, {@code aisaChatModel}, and one {@link StreamingChatModel} bean,
 * {@code aisaStreamingChatModel}: the plain model, or a router over {@code aisa.chat.model} and
 * {@code aisa.routing.fallbacks} when fallbacks are set. The router's members are built inside the bean method and
 * are not beans themselves: LangChain4j's {@code @AiService} wiring refuses more than one {@code ChatModel} bean.
 * Every bean backs off when the application defines its own.
 *
 * <p>Every {@link ChatModelListener} bean (the {@link CostTracker} among them) is attached in {@code @Order}, once
 * per logical call: to the router when there is one, else to the model. {@link AisaChatModelCustomizer} beans adjust
 * each model's builder last.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = AisaProperties.PREFIX, name = "api-key")
@EnableConfigurationProperties(AisaProperties.class)
public class AisaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public CostTracker aisaCostTracker() {
        return new CostTracker();
    }

    @Bean
    @ConditionalOnMissingBean(ChatModel.class)
    public ChatModel aisaChatModel(
            AisaProperties properties,
            ObjectProvider<ChatModelListener> listeners,
            ObjectProvider<AisaChatModelCustomizer> customizers) {
        List<ChatModelListener> attached = listeners.orderedStream().toList();
        if (!properties.routing().hasFallbacks()) {
            return chatModel(properties, properties.chat().model(), attached, customizers);
        }
        List<AisaChatModel> members = modelIds(properties)
                .map(model -> chatModel(properties, model, List.of(), customizers))
                .toList();
        return configureRouter(RoutingChatModel.builder(), properties)
                .models(members)
                .listeners(attached)
                .build();
    }

    @Bean
    @ConditionalOnMissingBean(StreamingChatModel.class)
    public StreamingChatModel aisaStreamingChatModel(
            AisaProperties properties,
            ObjectProvider<ChatModelListener> listeners,
            ObjectProvider<AisaChatModelCustomizer> customizers) {
        List<ChatModelListener> attached = listeners.orderedStream().toList();
        if (!properties.routing().hasFallbacks()) {
            return streamingChatModel(properties, properties.chat().model(), attached, customizers);
        }
        List<AisaStreamingChatModel> members = modelIds(properties)
                .map(model -> streamingChatModel(properties, model, List.of(), customizers))
                .toList();
        return configureRouter(RoutingStreamingChatModel.builder(), properties)
                .models(members)
                .listeners(attached)
                .build();
    }

    private static Stream<String> modelIds(AisaProperties properties) {
        return Stream.concat(Stream.of(properties.chat().model()), properties.routing().fallbacks().stream());
    }

    private static AisaChatModel chatModel(
            AisaProperties properties,
            String model,
            List<ChatModelListener> listeners,
            ObjectProvider<AisaChatModelCustomizer> customizers) {
        AisaChatModel.AisaChatModelBuilder builder = AisaChatModel.builder();
        configureModel(builder, properties, model, listeners, customizers);
        return builder.build();
    }

    private static AisaStreamingChatModel streamingChatModel(
            AisaProperties properties,
            String model,
            List<ChatModelListener> listeners,
            ObjectProvider<AisaChatModelCustomizer> customizers) {
        AisaStreamingChatModel.AisaStreamingChatModelBuilder builder = AisaStreamingChatModel.builder();
        configureModel(builder, properties, model, listeners, customizers);
        return builder.build();
    }

    private static void configureModel(
            AisaModelBuilder<?> builder,
            AisaProperties properties,
            String model,
            List<ChatModelListener> listeners,
            ObjectProvider<AisaChatModelCustomizer> customizers) {
        AisaProperties.Chat chat = properties.chat();
        builder.apiKey(properties.apiKey())
                .baseUrl(properties.baseUrl())
                .timeout(properties.timeout())
                .maxRetries(properties.maxRetries())
                .logRequests(properties.logRequests())
                .logResponses(properties.logResponses())
                .modelName(model)
                .temperature(chat.temperature())
                .maxTokens(chat.maxTokens())
                .topP(chat.topP())
                .returnThinking(chat.returnThinking())
                .listeners(listeners);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
    }

    private static <B extends RouterBuilder<?, B>> B configureRouter(B builder, AisaProperties properties) {
        AisaProperties.Routing routing = properties.routing();
        AisaProperties.CircuitBreaker breaker = routing.circuitBreaker();
        builder.retryPolicy(RetryPolicy.defaults().toBuilder()
                        .maxRetries(properties.maxRetries())
                        .build())
                .retryBeforeFallback(routing.retryBeforeFallback())
                .circuitBreaker(CircuitBreakerSettings.builder()
                        .enabled(breaker.enabled())
                        .window(breaker.window())
                        .minimumCalls(breaker.minimumCalls())
                        .failureRateThreshold(breaker.failureRateThreshold())
                        .openDuration(breaker.openDuration())
                        .build());
        if (routing.maxHops() != null) {
            builder.maxHops(routing.maxHops());
        }
        return builder;
    }
}

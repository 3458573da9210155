package one.aisa.langchain4j.spring;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.stream.Stream;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaModelBuilder;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.RetryPolicy;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.routing.Budget;
import one.aisa.langchain4j.routing.CircuitBreakerSettings;
import one.aisa.langchain4j.routing.RouterBuilder;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingStrategies;
import one.aisa.langchain4j.routing.RoutingStrategy;
import one.aisa.langchain4j.routing.RoutingStreamingChatModel;
import one.aisa.langchain4j.routing.SharedCircuitBreakers;
import one.aisa.langchain4j.routing.TaskRules;
import one.aisa.langchain4j.routing.TaskType;
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
 * {@code aisaStreamingChatModel}: the plain model, or a router when {@code aisa.routing.*} asks for one (fallbacks,
 * a strategy, a context-window or content-policy chain) or a {@link Budget} is set. The router's members are built
 * inside the bean method and are not beans themselves: LangChain4j's {@code @AiService} wiring refuses more than one
 * {@code ChatModel} bean. Both routers share one {@link Budget} bean, so they spend from one purse, and one
 * {@link AisaModelCatalog} bean, which the {@link CostTracker} prices with too, and one
 * {@link SharedCircuitBreakers} bean, so a model failing for one is skipped by the other. Every bean backs off when the
 * application defines its own.
 *
 * <p>Every {@link ChatModelListener} bean (the {@link CostTracker} among them) is attached in {@code @Order}, once
 * per logical call: to the router when there is one, else to the model. {@link AisaChatModelCustomizer} beans adjust
 * each model's builder last, {@link AisaRouterCustomizer} beans each router's.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = AisaProperties.PREFIX, name = "api-key")
@EnableConfigurationProperties(AisaProperties.class)
public class AisaAutoConfiguration {

    @Bean
    @ConditionalOnMissingBean
    public AisaModelCatalog aisaModelCatalog(AisaProperties properties) {
        return AisaModelCatalog.builtIn().with(properties.catalog().modelInfos().toArray(ModelInfo[]::new));
    }

    @Bean
    @ConditionalOnMissingBean
    public CostTracker aisaCostTracker(AisaModelCatalog catalog) {
        return new CostTracker(catalog);
    }

    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = AisaProperties.PREFIX, name = "budget.limit")
    public Budget aisaBudget(AisaProperties properties) {
        AisaProperties.Budget budget = properties.budget();
        return Budget.builder()
                .limit(budget.limit())
                .window(budget.window())
                .perCallLimit(budget.perCallLimit())
                .action(budget.actionType())
                .lowCreditsWarning(budget.lowCreditsWarning())
                .build();
    }

    /** One breaker per model for both routers: a model that fails for blocking calls is skipped by streams too. */
    @Bean
    @ConditionalOnMissingBean
    public SharedCircuitBreakers aisaCircuitBreakers() {
        return new SharedCircuitBreakers();
    }

    @Bean
    @ConditionalOnMissingBean(ChatModel.class)
    public ChatModel aisaChatModel(
            AisaProperties properties,
            AisaModelCatalog catalog,
            ObjectProvider<Budget> budget,
            SharedCircuitBreakers circuitBreakers,
            ObjectProvider<ChatModelListener> listeners,
            ObjectProvider<AisaChatModelCustomizer> customizers,
            ObjectProvider<AisaRouterCustomizer> routerCustomizers) {
        return modelOrRouter(
                properties,
                catalog,
                budget.getIfAvailable(),
                circuitBreakers,
                listeners.orderedStream().toList(),
                (id, modelListeners) -> configureModel(
                                AisaChatModel.builder(), properties, id, modelListeners, customizers)
                        .build(),
                RoutingChatModel.builder(),
                RoutingChatModel.RoutingChatModelBuilder::build,
                routerCustomizers);
    }

    @Bean
    @ConditionalOnMissingBean(StreamingChatModel.class)
    public StreamingChatModel aisaStreamingChatModel(
            AisaProperties properties,
            AisaModelCatalog catalog,
            ObjectProvider<Budget> budget,
            SharedCircuitBreakers circuitBreakers,
            ObjectProvider<ChatModelListener> listeners,
            ObjectProvider<AisaChatModelCustomizer> customizers,
            ObjectProvider<AisaRouterCustomizer> routerCustomizers) {
        return modelOrRouter(
                properties,
                catalog,
                budget.getIfAvailable(),
                circuitBreakers,
                listeners.orderedStream().toList(),
                (id, modelListeners) -> configureModel(
                                AisaStreamingChatModel.builder(), properties, id, modelListeners, customizers)
                        .build(),
                RoutingStreamingChatModel.builder(),
                RoutingStreamingChatModel.RoutingStreamingChatModelBuilder::build,
                routerCustomizers);
    }

    /**
     * The plain model with the listeners, or, when routing or a budget is set, a router over models built without
     * listeners (the router tells them once per logical call).
     */
    private static <M, R extends RouterBuilder<M, R>> M modelOrRouter(
            AisaProperties properties,
            AisaModelCatalog catalog,
            Budget budget,
            SharedCircuitBreakers circuitBreakers,
            List<ChatModelListener> listeners,
            BiFunction<String, List<ChatModelListener>, ? extends M> model,
            R router,
            Function<R, ? extends M> build,
            ObjectProvider<AisaRouterCustomizer> routerCustomizers) {
        if (!properties.routing().isRouted() && budget == null) {
            return model.apply(properties.chat().model(), listeners);
        }
        configureRouter(router, properties, catalog, budget, id -> model.apply(id, List.of()));
        router.sharedCircuitBreakers(circuitBreakers).listeners(listeners);
        routerCustomizers.orderedStream().forEach(customizer -> customizer.customize(router));
        return build.apply(router);
    }

    private static <B extends AisaModelBuilder<B>> B configureModel(
            B builder,
            AisaProperties properties,
            String model,
            List<ChatModelListener> listeners,
            ObjectProvider<AisaChatModelCustomizer> customizers) {
        AisaProperties.Chat chat = properties.chat();
        builder.apiKey(properties.apiKey())
                .baseUrl(properties.baseUrl())
                .timeout(properties.timeout())
                .retryPolicy(retryPolicy(properties))
                .logRequests(properties.logRequests())
                .logResponses(properties.logResponses())
                .modelName(model)
                .temperature(chat.temperature())
                .maxTokens(chat.maxTokens())
                .topP(chat.topP())
                .returnThinking(chat.returnThinking())
                .listeners(listeners);
        customizers.orderedStream().forEach(customizer -> customizer.customize(builder));
        return builder;
    }

    /**
     * Builds the chains from model ids: each id becomes one model, shared by every chain that names it (so it has
     * one circuit breaker), and the router takes the strategy, retries, breakers, catalog and budget.
     */
    private static <M> void configureRouter(
            RouterBuilder<M, ?> builder,
            AisaProperties properties,
            AisaModelCatalog catalog,
            Budget budget,
            Function<String, ? extends M> newModel) {
        AisaProperties.Routing routing = properties.routing();
        Map<String, M> models = new LinkedHashMap<>();
        Function<List<String>, List<M>> modelsOf = ids ->
                ids.stream().map(id -> models.computeIfAbsent(id, newModel)).toList();
        String primary = properties.chat().model();
        builder.models(modelsOf.apply(Stream.concat(Stream.of(primary), routing.chainAfter(primary).stream())
                        .toList()))
                .contextWindowFallbacks(modelsOf.apply(routing.contextWindowFallbacks()))
                .contentPolicyFallbacks(modelsOf.apply(routing.contentPolicyFallbacks()))
                .retryPolicy(retryPolicy(properties))
                .retryBeforeFallback(routing.retryBeforeFallback())
                .circuitBreaker(circuitBreaker(routing.circuitBreaker()))
                .strategy(strategy(routing))
                .catalog(catalog)
                .budget(budget);
        if (routing.maxHops() != null) {
            builder.maxHops(routing.maxHops());
        }
    }

    static RetryPolicy retryPolicy(AisaProperties properties) {
        AisaProperties.Retry retry = properties.retry();
        return RetryPolicy.builder()
                .maxRetries(properties.maxRetries())
                .initialBackoff(retry.initialBackoff())
                .multiplier(retry.multiplier())
                .jitter(retry.jitter())
                .maxBackoff(retry.maxBackoff())
                .maxRetryAfter(retry.maxRetryAfter())
                .build();
    }

    static CircuitBreakerSettings circuitBreaker(AisaProperties.CircuitBreaker breaker) {
        return CircuitBreakerSettings.builder()
                .enabled(breaker.enabled())
                .window(breaker.window())
                .minimumCalls(breaker.minimumCalls())
                .failureRateThreshold(breaker.failureRateThreshold())
                .openDuration(breaker.openDuration())
                .halfOpenProbes(breaker.halfOpenProbes())
                .unavailableOpenDuration(breaker.unavailableOpenDuration())
                .build();
    }

    /** The strategy {@code aisa.routing.strategy} names; null for {@code none}, the chain order. */
    static RoutingStrategy strategy(AisaProperties.Routing routing) {
        return switch (routing.strategy()) {
            case "cheapest-capable" -> RoutingStrategies.cheapestCapable();
            case "by-task" -> RoutingStrategies.byTask(taskRules(routing.taskRules()));
            case "tiered" ->
                RoutingStrategies.tiered(
                        routing.tiered().cheapModels(),
                        routing.tiered().premiumModels(),
                        routing.tiered().premiumShare());
            case "quality-aware" -> RoutingStrategies.qualityAware(routing.qualityTarget());
            case "weighted" -> RoutingStrategies.weighted(routing.weights());
            case "lowest-latency" -> RoutingStrategies.lowestLatency();
            default -> null;
        };
    }

    /** The built-in task rules, with each task type the properties name replaced. */
    static TaskRules taskRules(Map<String, List<String>> overrides) {
        TaskRules defaults = TaskRules.defaults();
        TaskRules.Builder rules = TaskRules.builder();
        for (TaskType task : TaskType.values()) {
            List<String> models = overrides.getOrDefault(task.name(), defaults.preferred(task));
            if (!models.isEmpty()) {
                rules.route(task, models.toArray(String[]::new));
            }
        }
        return rules.build();
    }
}

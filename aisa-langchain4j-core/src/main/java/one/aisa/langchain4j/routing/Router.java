package one.aisa.langchain4j.routing;

import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.RetryPolicy;
import one.aisa.langchain4j.RouteTrace;
import one.aisa.langchain4j.Sleeper;
import one.aisa.langchain4j.internal.Retrier;
import one.aisa.langchain4j.internal.SecretRedactor;
import one.aisa.langchain4j.observation.ChatObservationContext;
import one.aisa.langchain4j.observation.ChatObservations;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the blocking and the streaming router share: the chains, one circuit breaker per model, the failover and
 * retry policies, and the bookkeeping of a call's route. Holds no lock across a model call: breakers are
 * Resilience4j's lock-free state machines, everything else is immutable.
 */
final class Router<M> {

    private static final Logger LOG = LoggerFactory.getLogger(Router.class);
    private static final java.util.Set<String> UNBUDGETED = java.util.concurrent.ConcurrentHashMap.newKeySet();

    final List<Route<M>> chain;
    final List<Route<M>> contextWindowChain;
    final List<Route<M>> contentPolicyChain;
    final FailoverPolicy failoverPolicy;
    final RetryPolicy retryPolicy;
    final boolean retryBeforeFallback;
    final int maxHops;
    final CircuitBreakerSettings breakerSettings;
    final Sleeper sleeper;
    final Retrier retrier;
    final RoutingStrategy strategy;
    final one.aisa.langchain4j.catalog.AisaModelCatalog catalog;
    final BudgetGuard budget;
    private final RoutePlanner<M> planner;
    private final RouteBreakers<M> breakers;
    /** The only source of durations: attempts are timed with it, never with the system's clock directly. */
    final java.util.function.LongSupplier nanoTime;
    /** Told once per logical call. */
    final List<ChatModelListener> listeners;

    final ChatObservations observations;
    /** What every model of every chain supports, so AI Services rely on nothing a fallback lacks. */
    final Set<Capability> capabilities;

    Router(RouterBuilder<M, ?> builder, Function<M, Set<Capability>> capabilitiesOf) {
        if (!builder.problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid router configuration: " + String.join(" ", builder.problems));
        }
        if (builder.chain.isEmpty()) {
            throw new IllegalArgumentException(
                    "A router needs at least one model: call models(primary, fallback, ...) on the builder.");
        }
        this.failoverPolicy = requireSet(builder.failoverPolicy, "failoverPolicy");
        this.retryPolicy = requireSet(builder.retryPolicy, "retryPolicy");
        this.breakerSettings = requireSet(builder.circuitBreaker, "circuitBreaker");
        this.sleeper = requireSet(builder.sleeper, "sleeper");
        requireSet(builder.clock, "clock");
        this.strategy = builder.strategy;
        this.catalog = requireSet(builder.catalog, "catalog");
        this.budget = builder.budget == null ? null : new BudgetGuard(builder.budget, builder.clock);
        this.retryBeforeFallback = builder.retryBeforeFallback;
        this.nanoTime = builder.nanoTime;
        this.listeners = builder.listeners;
        this.observations = new ChatObservations(builder.observationRegistry, builder.observationConvention);
        int allRoutes = builder.chain.size() + builder.contextWindowChain.size() + builder.contentPolicyChain.size();
        if (builder.maxHops != null && builder.maxHops < 1) {
            throw new IllegalArgumentException("maxHops must be at least 1, was " + builder.maxHops);
        }
        this.maxHops = builder.maxHops == null ? allRoutes : builder.maxHops;
        this.retrier = new Retrier(retryPolicy, sleeper);
        this.breakers =
                new RouteBreakers<>(breakerSettings, builder.clock, builder.sharedBreakers, builder.sharedState);
        this.chain = routes(builder.chain);
        this.contextWindowChain = routes(builder.contextWindowChain);
        this.contentPolicyChain = routes(builder.contentPolicyChain);
        this.planner = new RoutePlanner<>(chain, strategy, catalog, budget);
        this.capabilities = commonCapabilities(capabilitiesOf);
    }

    /** The observation of a logical call: the model the request names, else the chain's first. */
    ChatObservationContext callObservation(ChatRequest request, boolean streaming) {
        String requested =
                request.parameters() == null ? null : request.parameters().modelName();
        return new ChatObservationContext(
                ChatObservationContext.Kind.CALL,
                request,
                requested != null ? requested : chain.get(0).label,
                streaming);
    }

    /** The observation of one attempt of one model. */
    static ChatObservationContext attemptObservation(Route<?> route, ChatRequest request, boolean streaming) {
        return new ChatObservationContext(ChatObservationContext.Kind.ATTEMPT, request, route.label, streaming);
    }

    private List<Route<M>> routes(Map<String, M> labelled) {
        List<Route<M>> routes = new ArrayList<>();
        labelled.forEach((label, model) -> routes.add(new Route<>(label, model, breakers.breakerFor(label, model))));
        return List.copyOf(routes);
    }

    /** The models to try for this request, in order (see {@link RoutePlanner}). */
    List<Route<M>> chainFor(ChatRequest request) {
        return planner.chainFor(request);
    }

    /** An answer: closes the books on the call (breaker, latency average, budget, credits). */
    void answered(Route<M> route, ChatResponse response, long nanos) {
        recordSuccess(route, nanos);
        route.observeLatency(nanos);
        if (budget != null) {
            java.math.BigDecimal cost = null;
            if (response.metadata() instanceof AisaChatResponseMetadata aisa) {
                cost = aisa.cost();
                budget.creditsReported(aisa.creditsRemaining());
            }
            if (cost == null) {
                cost = catalog.estimate(route.label, response.tokenUsage()).orElse(null);
            }
            if (cost == null && UNBUDGETED.add(route.label)) {
                LOG.warn(
                        "An answer from '{}' reported no cost and the catalog cannot price it: the budget cannot count"
                                + " it. Add the model with AisaModelCatalog.with(...).",
                        route.label);
            }
            budget.record(cost);
        }
    }

    /** Whether the walk may call this route now (its breaker, and the other instances when state is shared). */
    boolean permits(Route<M> route) {
        return breakers.permits(route);
    }

    void recordSuccess(Route<M> route, long nanos) {
        breakers.success(route, nanos);
    }

    void recordFailure(Route<M> route, Throwable failure, long nanos) {
        breakers.failure(route, failure, nanos);
    }

    /**
     * The chain to go on with after this failure, or {@code null} when it must surface: the policy decides, except
     * that an interrupted caller is never sent on to another model.
     */
    List<Route<M>> chainAfter(Throwable failure, List<Route<M>> current) {
        if (Thread.currentThread().isInterrupted()) {
            return null;
        }
        return switch (failoverPolicy.decide(failure)) {
            case NEXT_MODEL -> current;
            // already on that chain: go on to its next (larger, or more permissive) model
            case CONTEXT_WINDOW_CHAIN ->
                current == contextWindowChain ? current : contextWindowChain.isEmpty() ? null : contextWindowChain;
            case CONTENT_POLICY_CHAIN ->
                current == contentPolicyChain ? current : contentPolicyChain.isEmpty() ? null : contentPolicyChain;
            case FAIL_FAST -> null;
        };
    }

    /** Whether a later model of the chain could still answer, so this one should not wait or retry. */
    boolean laterRouteAvailable(List<Route<M>> current, int index, int hopsUsed) {
        if (hopsUsed >= maxHops) {
            return false;
        }
        for (int i = index + 1; i < current.size(); i++) {
            if (current.get(i).looksAvailable()) {
                return true;
            }
        }
        return false;
    }

    /** Retries allowed for this attempt: the policy's on the last model that can answer, none before it. */
    RetryPolicy retriesFor(boolean laterRouteAvailable, boolean fallbackEnabled) {
        return retryBeforeFallback || !laterRouteAvailable || !fallbackEnabled ? retryPolicy : RetryPolicy.none();
    }

    /** The wait before retrying this failure, or {@code null} when it must not be retried. */
    Duration retryWait(RetryPolicy allowed, int retry, RuntimeException failure) {
        if (retry > allowed.maxRetries() || !(failure instanceof dev.langchain4j.exception.RetriableException)) {
            return null;
        }
        return retrier.waitBefore(retry, failure);
    }

    boolean sleep(Duration wait) {
        try {
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    List<RouteHealth> health() {
        return RouteBreakers.health(List.of(chain, contextWindowChain, contentPolicyChain));
    }

    private Set<Capability> commonCapabilities(Function<M, Set<Capability>> capabilitiesOf) {
        Set<Capability> common = null;
        for (M model : allModels()) {
            if (common == null) {
                common = new HashSet<>(capabilitiesOf.apply(model));
            } else {
                common.retainAll(capabilitiesOf.apply(model));
            }
        }
        return common == null ? Set.of() : Set.copyOf(common);
    }

    List<M> allModels() {
        List<M> models = new ArrayList<>();
        for (List<Route<M>> routes : List.of(chain, contextWindowChain, contentPolicyChain)) {
            routes.forEach(route -> models.add(route.model));
        }
        return models;
    }

    /**
     * The request each model receives: without a request-level model name, which would otherwise override every
     * model's own (a router's routes are different models by design).
     */
    static ChatRequest forRoutes(ChatRequest request) {
        ChatRequestParameters parameters = request.parameters();
        if (parameters instanceof RoutingRequestParameters routing) {
            request = request.toBuilder().parameters(routing.withoutHints()).build();
            parameters = request.parameters();
        }
        if (parameters.modelName() == null) {
            return request;
        }
        LOG.debug("Ignoring modelName '{}' of a routed request: each route uses its own model", parameters.modelName());
        ChatRequestParameters stripped = parameters instanceof OpenAiChatRequestParameters openAi
                ? OpenAiChatRequestParameters.builder()
                        .overrideWith(openAi)
                        .modelName((String) null)
                        .build()
                : DefaultChatRequestParameters.builder()
                        .overrideWith(parameters)
                        .modelName(null)
                        .build();
        return request.toBuilder().parameters(stripped).build();
    }

    /**
     * The answer with the route in its metadata. An AIsa model's metadata keeps all its fields; another model's
     * is kept whole in {@link AisaChatResponseMetadata#answeringModelMetadata()}, and OpenAI's fields are carried
     * over too, so nothing the answering model said is lost.
     */
    static ChatResponse withTrace(ChatResponse response, RouteTrace trace) {
        return ChatResponse.builder()
                .aiMessage(response.aiMessage())
                .metadata(AisaChatResponseMetadata.from(response.metadata())
                        .route(trace)
                        .build())
                .build();
    }

    /** The failure as the route trace shows it; any key-shaped text is masked, whichever model it came from. */
    static String describe(Throwable failure) {
        String message = SecretRedactor.ANY_KEY.redact(failure.getMessage());
        String type = failure.getClass().getSimpleName();
        if (message == null) {
            return type;
        }
        return type + ": " + (message.length() <= 200 ? message : message.substring(0, 200) + "...");
    }

    private static <T> T requireSet(T value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " must not be null; leave it unset for the default");
        }
        return value;
    }
}

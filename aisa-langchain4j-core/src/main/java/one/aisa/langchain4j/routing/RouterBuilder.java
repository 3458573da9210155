package one.aisa.langchain4j.routing;

import dev.langchain4j.model.chat.listener.ChatModelListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.RetryPolicy;
import one.aisa.langchain4j.Sleeper;

/**
 * The settings {@link RoutingChatModel} and {@link RoutingStreamingChatModel} share.
 *
 * @param <M> the model type routed over
 * @param <B> the concrete builder
 */
public abstract class RouterBuilder<M, B extends RouterBuilder<M, B>> {

    final Map<String, M> chain = new LinkedHashMap<>();
    final Map<String, M> contextWindowChain = new LinkedHashMap<>();
    final Map<String, M> contentPolicyChain = new LinkedHashMap<>();
    final List<String> problems = new ArrayList<>();
    FailoverPolicy failoverPolicy = FailoverPolicy.defaults();
    RetryPolicy retryPolicy = RetryPolicy.defaults();
    boolean retryBeforeFallback;
    Integer maxHops;
    CircuitBreakerSettings circuitBreaker = CircuitBreakerSettings.defaults();
    SharedCircuitBreakers sharedBreakers;
    SharedCircuitState sharedState;
    Clock clock = Clock.systemUTC();
    java.util.function.LongSupplier nanoTime = System::nanoTime;
    Sleeper sleeper = Sleeper.THREAD_SLEEP;
    List<ChatModelListener> listeners = List.of();
    io.micrometer.observation.ObservationRegistry observationRegistry;
    one.aisa.langchain4j.observation.ChatObservationConvention observationConvention;
    RoutingStrategy strategy;
    one.aisa.langchain4j.catalog.AisaModelCatalog catalog = one.aisa.langchain4j.catalog.AisaModelCatalog.builtIn();
    Budget budget;
    private final Map<M, M> adapted = new java.util.IdentityHashMap<>();
    private final Map<Map<String, M>, java.util.Set<M>> originals = new java.util.IdentityHashMap<>();

    protected RouterBuilder() {}

    @SuppressWarnings("unchecked")
    protected final B self() {
        return (B) this;
    }

    /** The label a model is known by in traces and health: its model name when it has one. */
    protected abstract String labelOf(M model, int position);

    /** The model as the router calls it (e.g. without retries of its own); the same copy in every chain. */
    protected M adapt(M model) {
        return model;
    }

    /** The ordered fallback chain: the first model answers unless it fails in a way the failover policy moves on. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
    public final B models(M... models) {
        return models(models == null ? null : Arrays.asList(models));
    }

    /** See {@link #models(Object[])}. */
    public B models(List<? extends M> models) {
        add(chain, models, "models");
        return self();
    }

    /** Adds one model to the chain under an explicit label. */
    public B route(String label, M model) {
        put(chain, label, model, "route");
        return self();
    }

    /** Models with larger context windows, tried in order when a prompt does not fit. Default: none. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
    public final B contextWindowFallbacks(M... models) {
        add(contextWindowChain, models == null ? null : Arrays.asList(models), "contextWindowFallbacks");
        return self();
    }

    /** See {@link #contextWindowFallbacks(Object[])}. */
    public B contextWindowFallbacks(List<? extends M> models) {
        add(contextWindowChain, models, "contextWindowFallbacks");
        return self();
    }

    /** Models tried in order when a provider's content policy refuses a request. Default: none. */
    @SafeVarargs
    @SuppressWarnings("varargs") // the array is only read, through Arrays.asList
    public final B contentPolicyFallbacks(M... models) {
        add(contentPolicyChain, models == null ? null : Arrays.asList(models), "contentPolicyFallbacks");
        return self();
    }

    /** See {@link #contentPolicyFallbacks(Object[])}. */
    public B contentPolicyFallbacks(List<? extends M> models) {
        add(contentPolicyChain, models, "contentPolicyFallbacks");
        return self();
    }

    /** Which failures move on and which fail fast. Default {@link FailoverPolicy#defaults()}. */
    public B failoverPolicy(FailoverPolicy failoverPolicy) {
        this.failoverPolicy = failoverPolicy;
        return self();
    }

    /**
     * Retries of a failing model. By default they apply only to the last model that can still answer: while another
     * model can take over, the router moves on at once, with no backoff and no Retry-After wait. Default
     * {@link RetryPolicy#defaults()}.
     */
    public B retryPolicy(RetryPolicy retryPolicy) {
        this.retryPolicy = retryPolicy;
        return self();
    }

    /** Retries each model under the retry policy before falling back to the next. Default false. */
    public B retryBeforeFallback(boolean retryBeforeFallback) {
        this.retryBeforeFallback = retryBeforeFallback;
        return self();
    }

    /** The most models one call may try, across chains. Default: every model of the chains once. */
    public B maxHops(int maxHops) {
        this.maxHops = maxHops;
        return self();
    }

    /** Per-model circuit breakers. Default {@link CircuitBreakerSettings#defaults()}. */
    public B circuitBreaker(CircuitBreakerSettings circuitBreaker) {
        this.circuitBreaker = circuitBreaker;
        return self();
    }

    /**
     * Shares the per-model circuit breakers with the other routers given the same instance, by model label (see
     * {@link SharedCircuitBreakers}). Default: this router's own breakers.
     */
    public B sharedCircuitBreakers(SharedCircuitBreakers sharedBreakers) {
        this.sharedBreakers = sharedBreakers;
        return self();
    }

    /**
     * Circuit state shared with other instances of the application (e.g. {@code RedisCircuitState}): a model one
     * instance's breaker opened is skipped by all, and one instance takes the probe when the open period ends.
     * Default: this process only.
     */
    public B sharedCircuitState(SharedCircuitState sharedState) {
        this.sharedState = sharedState;
        return self();
    }

    /**
     * Chooses the order of the models per request (cheapest capable, by task, tiered, weighted, lowest latency:
     * see {@link RoutingStrategies}). Default: none, the chain order.
     */
    public B strategy(RoutingStrategy strategy) {
        this.strategy = strategy;
        return self();
    }

    /** Capabilities, context windows and prices the strategies and the budget use. Default: the built-in one. */
    public B catalog(one.aisa.langchain4j.catalog.AisaModelCatalog catalog) {
        this.catalog = catalog;
        return self();
    }

    /**
     * A spend limit: downgrade to cheaper models or fail when it is crossed. Routers given the same {@link Budget}
     * instance share its spend. Default: none.
     */
    public B budget(Budget budget) {
        this.budget = budget;
        return self();
    }

    /** The clock of the circuit breakers and the budget window. For tests. Default: system UTC. */
    public B clock(Clock clock) {
        this.clock = clock;
        return self();
    }

    /** Where the latency of each attempt is read from (route traces, lowest-latency routing). For tests. */
    public B nanoTime(java.util.function.LongSupplier nanoTime) {
        this.nanoTime = java.util.Objects.requireNonNull(nanoTime, "nanoTime");
        return self();
    }

    /** How retries wait. For tests. Default: sleeping the calling thread. */
    public B sleeper(Sleeper sleeper) {
        this.sleeper = sleeper;
        return self();
    }

    /** Listeners told once per logical call (each model's own listeners fire per attempt). */
    public B listeners(List<ChatModelListener> listeners) {
        this.listeners = listeners == null ? List.of() : List.copyOf(listeners);
        return self();
    }

    /** See {@link #listeners(List)}. */
    public B listeners(ChatModelListener... listeners) {
        return listeners(Arrays.asList(listeners));
    }

    /**
     * Observes each logical call ({@code gen_ai.client.operation}, with the route taken and whether it fell back)
     * and, as its children, each attempt of a model ({@code aisa.routing.attempt}): with a tracing handler, one span
     * per call and one per attempt beneath it. Models of the chain observed with the same registry add nothing of
     * their own inside an attempt. Default: none.
     */
    public B observationRegistry(io.micrometer.observation.ObservationRegistry observationRegistry) {
        this.observationRegistry = observationRegistry;
        return self();
    }

    /** The observations' names and key values. Default {@code DefaultChatObservationConvention}. */
    public B observationConvention(one.aisa.langchain4j.observation.ChatObservationConvention observationConvention) {
        this.observationConvention = observationConvention;
        return self();
    }

    private void add(Map<String, M> target, List<? extends M> models, String setting) {
        if (models == null) {
            problems.add(setting + "(...) was given null; give the models to route over.");
            return;
        }
        for (M model : models) {
            put(target, labelOf(model, target.size() + 1), model, setting);
        }
    }

    private void put(Map<String, M> target, String label, M model, String setting) {
        if (model == null) {
            problems.add(setting + "(...): model #" + (target.size() + 1) + " is null.");
            return;
        }
        java.util.Set<M> seen = originals.computeIfAbsent(
                target, chain -> java.util.Collections.newSetFromMap(new java.util.IdentityHashMap<>()));
        if (!seen.add(model)) {
            problems.add(setting + "(...): model '" + label + "' appears twice, which would make the chain a cycle;"
                    + " list each model once.");
            return;
        }
        String unique = label;
        for (int n = 2; target.containsKey(unique); n++) {
            unique = label + "#" + n;
        }
        target.put(unique, adapted.computeIfAbsent(model, this::adapt));
    }
}

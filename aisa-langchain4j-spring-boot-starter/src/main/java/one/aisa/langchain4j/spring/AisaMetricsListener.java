package one.aisa.langchain4j.spring;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.CacheHit;

/**
 * Records each call in Micrometer under the OpenTelemetry GenAI names where they exist
 * ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage}), plus what AIsa adds:
 * {@code aisa.client.cost} (USD), {@code aisa.client.errors} and {@code aisa.routing.fallbacks}; with a response
 * cache, {@code aisa.cache.requests} (tagged {@code result} hit or miss, and {@code kind}) and
 * {@code aisa.cache.saved.cost} (USD the hits saved). A hit records no token usage: none was spent.
 *
 * <p>Deprecated in this release, to be removed in the next: the timer {@code gen_ai.client.operation.duration} and
 * its tag {@code gen_ai.system}. The observations of the model beans (when the application has an
 * {@code ObservationRegistry}) time each call as {@code gen_ai.client.operation}, tagged {@code gen_ai.provider.name}
 * as the current GenAI conventions name it; this timer carries that tag too meanwhile.
 */
public class AisaMetricsListener implements ChatModelListener {

    private static final String START = AisaMetricsListener.class.getName() + ".start";

    private final MeterRegistry registry;
    private final boolean countsCacheMisses;

    public AisaMetricsListener(MeterRegistry registry) {
        this(registry, false);
    }

    /**
     * @param countsCacheMisses whether the models it listens to are behind a response cache, so that an answer
     *     that is not a hit counts as a miss
     */
    public AisaMetricsListener(MeterRegistry registry, boolean countsCacheMisses) {
        this.registry = registry;
        this.countsCacheMisses = countsCacheMisses;
    }

    @Override
    public void onRequest(ChatModelRequestContext context) {
        context.attributes().put(START, System.nanoTime());
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        ChatResponse response = context.chatResponse();
        String requested = tag(context.chatRequest().parameters().modelName());
        String answered = tag(response.modelName());
        Object start = context.attributes().get(START);
        if (start instanceof Long startNanos) {
            Timer.builder("gen_ai.client.operation.duration")
                    .tag("gen_ai.operation.name", "chat")
                    .tag("gen_ai.system", "aisa") // deprecated name of gen_ai.provider.name
                    .tag("gen_ai.provider.name", "aisa")
                    .tag("gen_ai.request.model", requested)
                    .tag("gen_ai.response.model", answered)
                    .register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - startNanos));
        }
        CacheHit hit = response.metadata() instanceof AisaChatResponseMetadata aisa ? aisa.cacheHit() : null;
        if (hit != null || countsCacheMisses) {
            cacheRequest(hit);
        }
        if (hit != null) {
            return;
        }
        TokenUsage usage = response.tokenUsage();
        if (usage != null) {
            tokens("input", requested, answered, usage.inputTokenCount());
            tokens("output", requested, answered, usage.outputTokenCount());
        }
        if (response.metadata() instanceof AisaChatResponseMetadata aisa) {
            if (aisa.cost() != null) {
                Counter.builder("aisa.client.cost")
                        .baseUnit("usd")
                        .description("What the gateway reported the calls cost")
                        .tag("gen_ai.response.model", answered)
                        .register(registry)
                        .increment(aisa.cost().doubleValue());
            }
            if (aisa.route() != null && aisa.route().fellBack()) {
                Counter.builder("aisa.routing.fallbacks")
                        .description("Calls answered by a model other than the first of the chain")
                        .tag("gen_ai.response.model", answered)
                        .register(registry)
                        .increment();
            }
        }
    }

    @Override
    public void onError(ChatModelErrorContext context) {
        Counter.builder("aisa.client.errors")
                .tag(
                        "gen_ai.request.model",
                        tag(context.chatRequest().parameters().modelName()))
                .tag("error.type", context.error().getClass().getSimpleName())
                .register(registry)
                .increment();
    }

    private void cacheRequest(CacheHit hit) {
        Counter.builder("aisa.cache.requests")
                .description("Calls to a caching model: answered from the cache (hit) or by the model (miss)")
                .tag("result", hit == null ? "miss" : "hit")
                .tag("kind", hit == null ? "none" : hit.kind().name().toLowerCase(java.util.Locale.ROOT))
                .register(registry)
                .increment();
        if (hit != null && hit.costSaved() != null) {
            Counter.builder("aisa.cache.saved.cost")
                    .baseUnit("usd")
                    .description("What the calls answered from the cache cost when they were first made")
                    .register(registry)
                    .increment(hit.costSaved().doubleValue());
        }
    }

    private void tokens(String type, String requested, String answered, Integer count) {
        if (count != null) {
            DistributionSummary.builder("gen_ai.client.token.usage")
                    .baseUnit("tokens")
                    .tag("gen_ai.token.type", type)
                    .tag("gen_ai.request.model", requested)
                    .tag("gen_ai.response.model", answered)
                    .register(registry)
                    .record(count);
        }
    }

    private static String tag(String value) {
        return value == null || value.isBlank() ? "unknown" : value;
    }
}

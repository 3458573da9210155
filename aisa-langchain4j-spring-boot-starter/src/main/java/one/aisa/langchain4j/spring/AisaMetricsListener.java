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

/**
 * Records each call in Micrometer under the OpenTelemetry GenAI names where they exist
 * ({@code gen_ai.client.operation.duration}, {@code gen_ai.client.token.usage}), plus what AIsa adds:
 * {@code aisa.client.cost} (USD), {@code aisa.client.errors} and {@code aisa.routing.fallbacks}.
 */
public class AisaMetricsListener implements ChatModelListener {

    private static final String START = AisaMetricsListener.class.getName() + ".start";

    private final MeterRegistry registry;

    public AisaMetricsListener(MeterRegistry registry) {
        this.registry = registry;
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
                    .tag("gen_ai.system", "aisa")
                    .tag("gen_ai.request.model", requested)
                    .tag("gen_ai.response.model", answered)
                    .register(registry)
                    .record(Duration.ofNanos(System.nanoTime() - startNanos));
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

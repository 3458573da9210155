package one.aisa.langchain4j.cost;

import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.output.TokenUsage;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.AisaGatewayClient;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;

/**
 * Totals calls, tokens and cost per model, as a {@link ChatModelListener}. The gateway's {@code usage.cost} is the
 * ground truth; only when a response carries none is the cost estimated from the catalog, and counted apart as an
 * estimate. A model missing from the catalog is never priced as zero silently: its calls are counted as unpriced.
 * An answer served from a response cache is counted as a hit with the cost it saved, not as a call.
 *
 * <p>Attach it once per logical call: to a router <em>or</em> to its models, not both (each would count the
 * answer). Thread-safe; totals are exact under any concurrency.
 *
 * <pre>{@code
 * CostTracker costs = new CostTracker();
 * ChatModel model = AisaChatModel.builder().modelName("gpt-4o-mini").listeners(costs).build();
 * ...
 * System.out.println(costs.snapshot().totalCost());
 * }</pre>
 */
public final class CostTracker implements ChatModelListener {

    private final AisaModelCatalog catalog;
    private final Map<String, ModelCost> costs = new ConcurrentHashMap<>();
    private final AtomicReference<BigDecimal> creditsRemaining = new AtomicReference<>();

    /** A tracker estimating missing costs from the built-in catalog. */
    public CostTracker() {
        this(AisaModelCatalog.builtIn());
    }

    public CostTracker(AisaModelCatalog catalog) {
        this.catalog = Objects.requireNonNull(catalog, "catalog");
    }

    @Override
    public void onResponse(ChatModelResponseContext context) {
        ChatResponse response = context.chatResponse();
        String model = modelOf(response, context.chatRequest().parameters().modelName());
        TokenUsage usage = response.tokenUsage();
        long input = usage == null || usage.inputTokenCount() == null ? 0 : usage.inputTokenCount();
        long output = usage == null || usage.outputTokenCount() == null ? 0 : usage.outputTokenCount();
        if (response.metadata() instanceof AisaChatResponseMetadata hit && hit.cacheHit() != null) {
            // served from a cache: nothing was spent; what the stored answer cost (or would have) is saved
            BigDecimal saved = hit.cacheHit().costSaved() != null
                    ? hit.cacheHit().costSaved()
                    : catalog.estimate(model, usage).orElse(null);
            costs.compute(
                    model, (key, previous) -> (previous == null ? ModelCost.empty(key) : previous).plusCacheHit(saved));
            return;
        }
        BigDecimal reported = null;
        if (response.metadata() instanceof AisaChatResponseMetadata aisa) {
            reported = aisa.cost();
            if (aisa.creditsRemaining() != null) {
                creditsRemaining.set(aisa.creditsRemaining());
            }
        }
        BigDecimal estimate =
                reported != null ? null : catalog.estimate(model, usage).orElse(null);
        BigDecimal cost = reported;
        costs.compute(
                model,
                (key, previous) ->
                        (previous == null ? ModelCost.empty(key) : previous).plusAnswer(input, output, cost, estimate));
    }

    @Override
    public void onError(ChatModelErrorContext context) {
        String model = Optional.ofNullable(context.chatRequest().parameters().modelName())
                .orElse("unknown");
        costs.compute(model, (key, previous) -> (previous == null ? ModelCost.empty(key) : previous).plusError());
    }

    /** The totals so far, the most expensive model first. */
    public CostReport snapshot() {
        List<ModelCost> models = new ArrayList<>(costs.values());
        models.sort(Comparator.comparing(ModelCost::cost).reversed().thenComparing(ModelCost::model));
        return new CostReport(models, creditsRemaining.get());
    }

    /** Forgets everything counted so far. */
    public void reset() {
        costs.clear();
        creditsRemaining.set(null);
    }

    /** The last balance a response reported, in USD, or {@code null}. */
    public BigDecimal creditsRemaining() {
        return creditsRemaining.get();
    }

    /** Asks the gateway for the balance ({@code GET /v1/credits/balance}) and remembers it. */
    public BigDecimal refreshCredits(AisaGatewayClient gateway) {
        BigDecimal available = gateway.balance().available();
        creditsRemaining.set(available);
        return available;
    }

    /** Whether the catalog can price this model. */
    public boolean canEstimate(String model) {
        return catalog.find(model).map(ModelInfo::id).isPresent();
    }

    private static String modelOf(ChatResponse response, String requested) {
        if (response.modelName() != null && !response.modelName().isBlank()) {
            return response.modelName();
        }
        return requested == null ? "unknown" : requested;
    }
}

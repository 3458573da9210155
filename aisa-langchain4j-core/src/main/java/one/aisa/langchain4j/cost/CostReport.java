package one.aisa.langchain4j.cost;

import java.math.BigDecimal;
import java.util.List;

/**
 * A snapshot of a {@link CostTracker}: per model, and in total.
 *
 * @param models per answering model, the most expensive first
 * @param creditsRemaining the last balance the gateway reported, or {@code null}
 */
public record CostReport(List<ModelCost> models, BigDecimal creditsRemaining) {

    public CostReport {
        models = List.copyOf(models);
    }

    public BigDecimal totalCost() {
        return models.stream().map(ModelCost::cost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public BigDecimal totalEstimatedCost() {
        return models.stream().map(ModelCost::estimatedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public long totalCalls() {
        return models.stream().mapToLong(ModelCost::calls).sum();
    }

    public long totalErrors() {
        return models.stream().mapToLong(ModelCost::errors).sum();
    }

    public long totalInputTokens() {
        return models.stream().mapToLong(ModelCost::inputTokens).sum();
    }

    public long totalOutputTokens() {
        return models.stream().mapToLong(ModelCost::outputTokens).sum();
    }

    /** Answers served from a response cache, over all models. */
    public long totalCacheHits() {
        return models.stream().mapToLong(ModelCost::cacheHits).sum();
    }

    /** USD the cache hits saved, over all models. */
    public BigDecimal totalSavedCost() {
        return models.stream().map(ModelCost::savedCost).reduce(BigDecimal.ZERO, BigDecimal::add);
    }

    public java.util.Optional<ModelCost> model(String model) {
        return models.stream().filter(cost -> cost.model().equals(model)).findFirst();
    }
}

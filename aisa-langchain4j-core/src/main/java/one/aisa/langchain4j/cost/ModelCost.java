package one.aisa.langchain4j.cost;

import java.math.BigDecimal;

/**
 * What one model cost so far.
 *
 * @param model the model that answered (as the responses named it)
 * @param calls answered calls
 * @param errors failed calls
 * @param inputTokens input tokens over all answered calls
 * @param outputTokens output tokens over all answered calls
 * @param cost USD: the gateway's {@code usage.cost} where it reported one, plus catalog estimates otherwise
 * @param estimatedCost the part of {@code cost} that is a catalog estimate, not the gateway's figure
 * @param unpricedCalls answered calls with no cost from the gateway and a model missing from the catalog
 * @param cacheHits answers served from a response cache instead of this model (not in {@code calls})
 * @param savedCost USD those hits saved: what their stored answers cost, or the catalog's estimate of it
 */
public record ModelCost(
        String model,
        long calls,
        long errors,
        long inputTokens,
        long outputTokens,
        BigDecimal cost,
        BigDecimal estimatedCost,
        long unpricedCalls,
        long cacheHits,
        BigDecimal savedCost) {

    static ModelCost empty(String model) {
        return new ModelCost(model, 0, 0, 0, 0, BigDecimal.ZERO, BigDecimal.ZERO, 0, 0, BigDecimal.ZERO);
    }

    ModelCost plusAnswer(long input, long output, BigDecimal reported, BigDecimal estimate) {
        return new ModelCost(
                model,
                calls + 1,
                errors,
                inputTokens + input,
                outputTokens + output,
                cost.add(reported != null ? reported : estimate != null ? estimate : BigDecimal.ZERO),
                reported == null && estimate != null ? estimatedCost.add(estimate) : estimatedCost,
                reported == null && estimate == null ? unpricedCalls + 1 : unpricedCalls,
                cacheHits,
                savedCost);
    }

    ModelCost plusError() {
        return new ModelCost(
                model,
                calls,
                errors + 1,
                inputTokens,
                outputTokens,
                cost,
                estimatedCost,
                unpricedCalls,
                cacheHits,
                savedCost);
    }

    ModelCost plusCacheHit(BigDecimal saved) {
        return new ModelCost(
                model,
                calls,
                errors,
                inputTokens,
                outputTokens,
                cost,
                estimatedCost,
                unpricedCalls,
                cacheHits + 1,
                saved == null ? savedCost : savedCost.add(saved));
    }

    /** Whether any of the cost is an estimate rather than what the gateway reported. */
    public boolean includesEstimates() {
        return estimatedCost.signum() != 0;
    }
}

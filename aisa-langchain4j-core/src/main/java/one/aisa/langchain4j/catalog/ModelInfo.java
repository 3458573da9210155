package one.aisa.langchain4j.catalog;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDate;
import java.util.Objects;
import java.util.Set;

/**
 * What we know about one model the gateway serves: its family and provider, what it can do, how much text fits
 * in its context window, and its list price per million input and output tokens on a given date.
 *
 * @param id the model id as the gateway takes it, e.g. {@code gpt-4o-mini}
 * @param family e.g. {@code gpt}, {@code claude}, {@code gemini}, {@code qwen}, {@code deepseek}, {@code grok}
 * @param provider who runs it, e.g. {@code openai}, {@code anthropic}
 * @param capabilities what it accepts and does
 * @param contextWindow input plus output tokens the model can hold
 * @param inputPricePerMillion USD per 1M input tokens
 * @param outputPricePerMillion USD per 1M output tokens
 * @param pricedOn the date the prices were read; prices drift, {@code usage.cost} is the ground truth
 * @param quality the model's general quality index from a public leaderboard, or {@code null} when unknown; a
 *     model without one is never assumed good by quality-aware routing
 */
public record ModelInfo(
        String id,
        String family,
        String provider,
        Set<ModelCapability> capabilities,
        int contextWindow,
        BigDecimal inputPricePerMillion,
        BigDecimal outputPricePerMillion,
        LocalDate pricedOn,
        QualityIndex quality) {

    private static final BigDecimal MILLION = BigDecimal.valueOf(1_000_000);

    public ModelInfo {
        Objects.requireNonNull(id, "id");
        if (id.isBlank()) {
            throw new IllegalArgumentException("a model id must not be blank");
        }
        capabilities = Set.copyOf(capabilities);
        if (contextWindow <= 0) {
            throw new IllegalArgumentException("contextWindow of " + id + " must be positive, was " + contextWindow);
        }
        requireNonNegative(inputPricePerMillion, id, "inputPricePerMillion");
        requireNonNegative(outputPricePerMillion, id, "outputPricePerMillion");
    }

    /** A model without a quality index. */
    public ModelInfo(
            String id,
            String family,
            String provider,
            Set<ModelCapability> capabilities,
            int contextWindow,
            BigDecimal inputPricePerMillion,
            BigDecimal outputPricePerMillion,
            LocalDate pricedOn) {
        this(
                id,
                family,
                provider,
                capabilities,
                contextWindow,
                inputPricePerMillion,
                outputPricePerMillion,
                pricedOn,
                null);
    }

    /** This model with another quality index ({@code null} for none). */
    public ModelInfo withQuality(QualityIndex quality) {
        return new ModelInfo(
                id,
                family,
                provider,
                capabilities,
                contextWindow,
                inputPricePerMillion,
                outputPricePerMillion,
                pricedOn,
                quality);
    }

    public boolean supports(ModelCapability capability) {
        return capabilities.contains(capability);
    }

    /** The list price of a call with these token counts, in USD, to 10 decimal places. */
    public BigDecimal priceOf(long inputTokens, long outputTokens) {
        return inputPricePerMillion
                .multiply(BigDecimal.valueOf(inputTokens))
                .add(outputPricePerMillion.multiply(BigDecimal.valueOf(outputTokens)))
                .divide(MILLION, 10, RoundingMode.HALF_UP)
                .stripTrailingZeros();
    }

    private static void requireNonNegative(BigDecimal price, String id, String name) {
        Objects.requireNonNull(price, name + " of " + id);
        if (price.signum() < 0) {
            throw new IllegalArgumentException(name + " of " + id + " must not be negative, was " + price);
        }
    }
}

package one.aisa.langchain4j.internal;

import dev.langchain4j.Internal;
import java.math.BigDecimal;

/**
 * What an AIsa response adds to the OpenAI shape, read once where the body is inspected: {@code usage.cost} and
 * {@code usage.credits_remaining} (USD), the finish reason as the provider sent it, and the request id.
 */
@Internal
public record UsageExtras(BigDecimal cost, BigDecimal creditsRemaining, String rawFinishReason, String requestId) {

    public static final UsageExtras NONE = new UsageExtras(null, null, null, null);
}

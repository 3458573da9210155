package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.langchain4j.Internal;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What an AIsa response adds to the OpenAI shape, read once where the body is inspected: {@code usage.cost} and
 * {@code usage.credits_remaining} (USD), the finish reason as the provider sent it, and the request id.
 */
@Internal
public record UsageExtras(BigDecimal cost, BigDecimal creditsRemaining, String rawFinishReason, String requestId) {

    public static final UsageExtras NONE = new UsageExtras(null, null, null, null);

    /**
     * The one reader of both paths: cost from {@code usage.cost}, else the {@code x-aisa-price-usd} header; credits
     * from {@code usage.credits_remaining}; the request id from the headers (redacted by {@code errors}).
     */
    static UsageExtras read(
            JsonNode usage, Map<String, List<String>> headers, String rawFinishReason, GatewayErrors errors) {
        JsonNode fields = usage == null ? MissingNode.getInstance() : usage;
        return new UsageExtras(
                ResponseInspector.decimal(fields.get("cost"), Headers.first(headers, "x-aisa-price-usd")),
                ResponseInspector.decimal(fields.get("credits_remaining"), null),
                rawFinishReason,
                errors.requestId(headers));
    }
}

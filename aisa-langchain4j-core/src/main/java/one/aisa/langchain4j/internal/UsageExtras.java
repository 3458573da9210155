package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import dev.langchain4j.Internal;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What an AIsa response adds to the OpenAI shape: {@code usage.cost} and {@code usage.credits_remaining} (USD),
 * and the request id.
 */
@Internal
public record UsageExtras(BigDecimal cost, BigDecimal creditsRemaining, String requestId) {

    /**
     * The one reader of both paths: cost from {@code usage.cost}, else the {@code x-aisa-price-usd} header; credits
     * from {@code usage.credits_remaining}; the request id from the headers (redacted by {@code errors}).
     */
    static UsageExtras read(JsonNode usage, Map<String, List<String>> headers, GatewayErrors errors) {
        JsonNode fields = usage == null ? MissingNode.getInstance() : usage;
        return read(fields.get("cost"), fields.get("credits_remaining"), headers, errors);
    }

    /** The same, from the two usage fields as sent (each may be {@code null}). */
    static UsageExtras read(
            JsonNode cost, JsonNode creditsRemaining, Map<String, List<String>> headers, GatewayErrors errors) {
        return new UsageExtras(
                ResponseInspector.decimal(cost, Headers.first(headers, "x-aisa-price-usd")),
                ResponseInspector.decimal(creditsRemaining, null),
                errors.requestId(headers));
    }
}

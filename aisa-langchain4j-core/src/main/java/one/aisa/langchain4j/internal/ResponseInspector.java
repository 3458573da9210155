package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.AisaErrorDetails;
import one.aisa.langchain4j.AisaServerException;

/**
 * Checks a 2xx body before {@code langchain4j-open-ai} reads it, because that module turns several real gateway
 * shapes into silent nonsense: a JSON {@code error} sent with status 200 becomes "no choices", truncated JSON a
 * raw Jackson exception, a tool call without {@code "type"} is dropped, arguments sent as a JSON object fail to
 * bind, and {@code ""} arguments reach tools that expect JSON. Here those become a typed exception or are
 * normalised; the body is re-written only when something was normalised.
 */
public final class ResponseInspector {

    private static final int SNIPPET_CHARS = 200;

    private final GatewayErrors errors;
    private final SecretRedactor redactor;

    public ResponseInspector(GatewayErrors errors, SecretRedactor redactor) {
        this.errors = errors;
        this.redactor = redactor;
    }

    public InspectedHttpResponse inspect(SuccessfulHttpResponse response, boolean chatCompletion) {
        byte[] body = response.bodyBytes() == null ? new byte[0] : response.bodyBytes();
        Map<String, List<String>> headers = response.headers();
        JsonNode json;
        try {
            json = Json.parseStrict(body);
        } catch (IOException e) {
            throw unreadable(response.statusCode(), headers, body, e);
        }
        if (isError(json)) {
            throw errors.fromErrorInSuccessfulResponse(headers, json);
        }
        byte[] finalBody = body;
        String rawFinishReason = null;
        if (chatCompletion) {
            JsonNode choices = json.get("choices");
            if (choices == null || !choices.isArray() || choices.isEmpty()) {
                throw unreadable(response.statusCode(), headers, body, null);
            }
            rawFinishReason = Json.text(choices.get(0), "finish_reason");
            if (normaliseToolCalls((ArrayNode) choices)) {
                finalBody = Json.write(json).getBytes(StandardCharsets.UTF_8);
            }
        }
        UsageExtras extras = new UsageExtras(
                decimal(json.path("usage").get("cost"), Headers.first(headers, "x-aisa-price-usd")),
                decimal(json.path("usage").get("credits_remaining"), null),
                rawFinishReason,
                Headers.first(headers, "x-request-id"));
        return new InspectedHttpResponse(
                SuccessfulHttpResponse.builder()
                        .statusCode(response.statusCode())
                        .headers(headers)
                        .body(finalBody),
                extras);
    }

    /** An error object instead of a result: {@code {"error":..}} without choices, or an error array. */
    static boolean isError(JsonNode json) {
        if (json.isArray()) {
            return !json.isEmpty() && json.get(0).has("error");
        }
        JsonNode error = json.get("error");
        boolean hasError = error != null
                && !error.isNull()
                && !(error.isTextual() && error.asText().isEmpty());
        boolean errorObject = "error".equals(Json.text(json, "object"));
        return (hasError && !json.has("choices")) || errorObject;
    }

    private static boolean normaliseToolCalls(ArrayNode choices) {
        boolean changed = false;
        for (JsonNode choice : choices) {
            JsonNode toolCalls = choice.path("message").get("tool_calls");
            if (toolCalls == null || !toolCalls.isArray()) {
                continue;
            }
            for (JsonNode toolCall : toolCalls) {
                if (!(toolCall instanceof ObjectNode call)) {
                    continue;
                }
                if (!call.hasNonNull("type")) {
                    call.put("type", "function");
                    changed = true;
                }
                if (call.get("function") instanceof ObjectNode function) {
                    JsonNode arguments = function.get("arguments");
                    if (arguments == null
                            || arguments.isNull()
                            || arguments.asText().isBlank() && arguments.isTextual()) {
                        function.put("arguments", "{}");
                        changed = true;
                    } else if (arguments.isContainerNode()) {
                        function.put("arguments", Json.write(arguments));
                        changed = true;
                    }
                }
            }
        }
        return changed;
    }

    static BigDecimal decimal(JsonNode node, String fallback) {
        if (node != null && node.isNumber()) {
            return node.decimalValue();
        }
        String text = node != null && node.isTextual() ? node.asText() : fallback;
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return new BigDecimal(text.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private AisaServerException unreadable(
            int status, Map<String, List<String>> headers, byte[] body, Exception cause) {
        String text = redactor.redact(new String(body, StandardCharsets.UTF_8));
        String snippet = text.isBlank()
                ? "(empty body)"
                : text.length() <= SNIPPET_CHARS ? text.strip() : text.substring(0, SNIPPET_CHARS) + "...";
        String problem = cause == null ? "holds no choices" : "is not valid JSON (truncated or malformed)";
        String requestId = Headers.first(headers, "x-request-id");
        AisaErrorDetails details = new AisaErrorDetails(status, null, null, snippet, null, requestId, null);
        return new AisaServerException(
                "AIsa gateway error: the HTTP " + status + " response " + problem + ": " + snippet
                        + (requestId == null ? "" : " (request_id " + requestId + ")"),
                details,
                cause);
    }
}

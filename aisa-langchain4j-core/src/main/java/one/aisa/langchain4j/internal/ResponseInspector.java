package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.Internal;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import java.io.IOException;
import java.math.BigDecimal;

/**
 * Checks a 2xx body before {@code langchain4j-open-ai} reads it, because that module turns several real gateway
 * shapes into silent nonsense: a JSON {@code error} sent with status 200 becomes "no choices", truncated JSON a
 * raw Jackson exception, a tool call without {@code "type"} (or with another one) is dropped or fails, arguments
 * sent as a JSON object fail to bind, and {@code ""} arguments reach tools that expect JSON. Here those become a typed exception or are
 * normalised in the parsed tree, which is then bound as it is.
 */
@Internal
public final class ResponseInspector {

    private final GatewayErrors errors;

    public ResponseInspector(GatewayErrors errors) {
        this.errors = errors;
    }

    /** A 2xx body as JSON: a body that is not JSON, or an error object sent with a 200, is a typed exception. */
    public JsonNode readJson(SuccessfulHttpResponse response) {
        byte[] body = response.bodyBytes() == null ? new byte[0] : response.bodyBytes();
        JsonNode json;
        try {
            json = Json.parseStrict(body);
        } catch (IOException e) {
            throw errors.unreadableBody(
                    response.statusCode(), response.headers(), body, "is not valid JSON (truncated or malformed)", e);
        }
        if (isError(json)) {
            throw errors.fromErrorInSuccessfulResponse(response.headers(), json);
        }
        return json;
    }

    /**
     * A chat completion: {@link #readJson}, its shape checked, and its tool calls normalised in the tree itself,
     * which is then bound as it is (the body is parsed once).
     */
    public JsonNode readCompletion(SuccessfulHttpResponse response) {
        JsonNode json = readJson(response);
        String problem = CompletionShape.problemIn(json);
        if (problem != null) {
            throw errors.unreadableBody(
                    response.statusCode(), response.headers(), response.bodyBytes(), describeProblem(problem), null);
        }
        normaliseToolCalls((ArrayNode) json.get("choices"));
        return json;
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
            JsonNode message = choice.path("message");
            if (message.get("function_call") instanceof ObjectNode legacy) {
                changed |= normaliseArguments(legacy);
            }
            JsonNode toolCalls = message.get("tool_calls");
            if (toolCalls == null || !toolCalls.isArray()) {
                continue;
            }
            for (JsonNode toolCall : toolCalls) {
                if (!(toolCall instanceof ObjectNode call)) {
                    continue;
                }
                // a call is a function call by its "function" object, as when streamed; the type only echoes that
                if (!"function".equals(call.path("type").textValue())) {
                    call.put("type", "function");
                    changed = true;
                }
                if (call.get("function") instanceof ObjectNode function) {
                    changed |= normaliseArguments(function);
                }
            }
        }
        return changed;
    }

    /** Arguments as JSON text: none or blank become {@code {}}, an object or array is written out. */
    private static boolean normaliseArguments(ObjectNode function) {
        JsonNode arguments = function.get("arguments");
        if (arguments == null
                || arguments.isNull()
                || arguments.isTextual() && arguments.asText().isBlank()) {
            function.put("arguments", "{}");
            return true;
        }
        if (arguments.isContainerNode()) {
            function.put("arguments", Json.write(arguments));
            return true;
        }
        return false;
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

    private static String describeProblem(String problem) {
        return problem.startsWith("holds") ? problem : "does not match the chat completion format (" + problem + ")";
    }
}

package one.aisa.langchain4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.time.Duration;

/** The simulator's answers on the wire: JSON bodies, paced streams, and errors in OpenAI's shape and in Google's. */
final class GatewayResponses {

    static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayResponses() {}

    static ResponseDefinitionBuilder json(int status, JsonNode body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(write(body));
    }

    static ResponseDefinition error(int status, String type, String code, String message) {
        return errorBuilder(status, type, code, message).build();
    }

    static ResponseDefinitionBuilder errorBuilder(int status, String type, String code, String message) {
        return json(status, errorBody(type, code, message));
    }

    static ObjectNode errorBody(String type, String code, String message) {
        ObjectNode root = NODES.objectNode();
        // OpenAI's schema: message, type, param (required, may be null) and code
        root.putObject("error")
                .put("message", message)
                .put("type", type)
                .putNull("param")
                .put("code", code)
                .put("request_id", "req_sim_error");
        return root;
    }

    /** An error of the native Gemini route, in Google's shape ({@code code} numeric, {@code status} a name). */
    static ResponseDefinitionBuilder googleError(int status, String message) {
        return json(status, googleErrorBody(status, message));
    }

    static ObjectNode googleErrorBody(int status, String message) {
        ObjectNode root = NODES.objectNode();
        root.putObject("error").put("code", status).put("message", message).put("status", googleStatus(status));
        return root;
    }

    /** A 200 with this body as it is: a stream, or a body that is meant to be broken. */
    static ResponseDefinitionBuilder ok(String contentType, String body) {
        return ResponseDefinitionBuilder.responseDefinition()
                .withStatus(200)
                .withHeader("Content-Type", contentType)
                .withBody(body);
    }

    /** {@code stream} sent as it would arrive from a model: {@code events} pieces, {@code chunkDelay} apart. */
    static ResponseDefinitionBuilder paced(ResponseDefinitionBuilder stream, int events, Duration chunkDelay) {
        if (chunkDelay.isZero()) {
            return stream;
        }
        int pieces = Math.max(1, events);
        return stream.withChunkedDribbleDelay(pieces, (int) (chunkDelay.toMillis() * pieces));
    }

    private static String googleStatus(int status) {
        return switch (status) {
            case 400 -> "INVALID_ARGUMENT";
            case 401 -> "UNAUTHENTICATED";
            case 402 -> "FAILED_PRECONDITION";
            case 403 -> "PERMISSION_DENIED";
            case 404 -> "NOT_FOUND";
            case 429 -> "RESOURCE_EXHAUSTED";
            case 503 -> "UNAVAILABLE";
            case 504 -> "DEADLINE_EXCEEDED";
            default -> "INTERNAL";
        };
    }

    static String write(JsonNode node) {
        try {
            return JSON.writeValueAsString(node);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request body as JSON, or {@code null} when there is none or it is not JSON. */
    static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            return null;
        }
    }
}

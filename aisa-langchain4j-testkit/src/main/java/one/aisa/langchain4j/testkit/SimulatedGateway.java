package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.GatewayResponses.NODES;
import static one.aisa.langchain4j.testkit.GatewayResponses.error;
import static one.aisa.langchain4j.testkit.GatewayResponses.json;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.extension.ResponseDefinitionTransformerV2;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.time.Duration;
import java.util.Comparator;
import java.util.regex.Matcher;
import one.aisa.langchain4j.catalog.ModelInfo;

/**
 * The simulator's front door: runs inside WireMock as a response transformer, records every request, checks the key,
 * answers the models and balance routes, and hands chat and Gemini calls to their routes.
 */
final class SimulatedGateway implements ResponseDefinitionTransformerV2 {

    static final String NAME = "aisa-simulator";

    private final GatewayState state;
    private final ChatRoute chat;
    private final GeminiRoute gemini;

    SimulatedGateway(GatewayState state, Duration streamChunkDelay) {
        this.state = state;
        this.chat = new ChatRoute(state, streamChunkDelay);
        this.gemini = new GeminiRoute(state, streamChunkDelay);
    }

    @Override
    public String getName() {
        return NAME;
    }

    @Override
    public boolean applyGlobally() {
        return false;
    }

    @Override
    public ResponseDefinition transform(ServeEvent serveEvent) {
        LoggedRequest request = serveEvent.getRequest();
        String path = request.getUrl().split("\\?", 2)[0];
        JsonNode body = GatewayResponses.parse(request.getBodyAsString());
        Matcher geminiPath = GeminiRoute.PATH.matcher(path);
        String model = geminiPath.matches() ? geminiPath.group(2) : text(body, "model");
        boolean stream = geminiPath.matches()
                ? GeminiRoute.isStream(geminiPath)
                : body != null && body.path("stream").asBoolean(false);
        String authorization = request.getHeader("Authorization");
        state.record(new RecordedRequest(request.getMethod().getName(), path, model, stream, body, authorization));

        if (authorization == null || !authorization.startsWith("Bearer ") || authorization.length() <= 7) {
            return error(
                    401,
                    "authentication_error",
                    "missing_api_key",
                    "Missing API key: send Authorization: Bearer <key>.");
        }
        String method = request.getMethod().getName();
        if (method.equals("GET") && path.equals("/v1/models")) {
            return json(200, modelList()).build();
        }
        if (method.equals("GET") && path.startsWith("/v1/models/")) {
            String id = path.substring("/v1/models/".length());
            ModelInfo info = state.model(id);
            return info == null
                    ? error(404, "invalid_request_error", "model_not_found", "The model '" + id + "' does not exist.")
                    : json(200, modelEntry(NODES.objectNode(), info)).build();
        }
        if (method.equals("GET") && path.equals("/v1/credits/balance")) {
            return json(200, balanceBody()).build();
        }
        if (method.equals("POST") && path.equals("/v1/chat/completions")) {
            return chat.serve(model, body, stream);
        }
        if (method.equals("POST") && geminiPath.matches()) {
            return gemini.serve(model, body, GeminiRoute.delivery(geminiPath, request.queryParameter("alt")));
        }
        return error(404, "invalid_request_error", "unknown_endpoint", "Unknown endpoint " + method + " " + path + ".");
    }

    private JsonNode modelList() {
        ObjectNode root = NODES.objectNode().put("object", "list");
        ArrayNode data = root.putArray("data");
        state.models().stream()
                .sorted(Comparator.comparing(ModelInfo::id))
                .forEach(model -> modelEntry(data.addObject(), model));
        return root;
    }

    /** One model as {@code GET /v1/models} lists it and {@code GET /v1/models/{id}} returns it. */
    private static ObjectNode modelEntry(ObjectNode entry, ModelInfo model) {
        return entry.put("id", model.id())
                .put("object", "model")
                .put("created", 0)
                .put("owned_by", model.provider());
    }

    private JsonNode balanceBody() {
        long micros = state.balance().movePointRight(6).longValue();
        ObjectNode root = NODES.objectNode()
                .put("account_balance_micros_usd", micros)
                .put("available_balance_micros_usd", micros)
                .put("currency", "USD");
        root.putObject("api_key").put("unlimited", false).put("remaining_micros_usd", micros);
        return root;
    }

    private static String text(JsonNode node, String field) {
        return node == null || !node.path(field).isTextual()
                ? null
                : node.path(field).asText();
    }
}

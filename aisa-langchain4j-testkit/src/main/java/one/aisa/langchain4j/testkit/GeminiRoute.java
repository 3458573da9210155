package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.GatewayResponses.NODES;
import static one.aisa.langchain4j.testkit.GatewayResponses.googleError;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.http.ResponseDefinition;
import java.util.regex.Pattern;
import one.aisa.langchain4j.catalog.ModelInfo;

/**
 * Gemini's native {@code POST /v1beta/models/{model}:generateContent} (and {@code /v1/...}): a text answer in
 * Google's shape, errors and faults in Google's error shape, charged like a chat answer.
 */
final class GeminiRoute {

    /** The route's path; group 2 is the model. */
    static final Pattern PATH = Pattern.compile("/(v1|v1beta)/models/([^/:]+):generateContent");

    private final GatewayState state;

    GeminiRoute(GatewayState state) {
        this.state = state;
    }

    ResponseDefinition serve(String model, JsonNode body) {
        SimulatedFault fault = state.faults().next(model);
        if (fault != null && fault.kind != SimulatedFault.Kind.LATENCY) {
            return FaultResponses.gemini(fault);
        }
        ModelInfo info = state.model(model);
        if (info == null) {
            return googleError(404, "models/" + model + " is not found.").build();
        }
        if (state.balance().signum() <= 0) {
            return googleError(402, "Insufficient credits: the balance is spent.")
                    .build();
        }
        String prompt = Prompts.geminiPromptText(body);
        String reply = Replies.textReply(state.scripts(), model, prompt);
        long promptTokens = Prompts.estimateTokens(prompt);
        long outputTokens = Math.max(1, Prompts.estimateTokens(reply));
        state.charge(info.priceOf(promptTokens, outputTokens));
        return GatewayResponses.json(200, generateContentResponse(model, reply, promptTokens, outputTokens))
                .withFixedDelay(FaultResponses.delayMillis(fault))
                .build();
    }

    private JsonNode generateContentResponse(String model, String reply, long promptTokens, long outputTokens) {
        ObjectNode root = NODES.objectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        candidate
                .putObject("content")
                .put("role", "model")
                .putArray("parts")
                .addObject()
                .put("text", reply);
        candidate.put("finishReason", "STOP").put("index", 0);
        root.putObject("usageMetadata")
                .put("promptTokenCount", promptTokens)
                .put("candidatesTokenCount", outputTokens)
                .put("totalTokenCount", promptTokens + outputTokens);
        root.put("modelVersion", model).put("responseId", "sim-" + state.nextSequence());
        return root;
    }
}

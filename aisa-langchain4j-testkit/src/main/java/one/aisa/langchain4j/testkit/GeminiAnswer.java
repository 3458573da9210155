package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.GatewayResponses.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/**
 * A simulated answer in Gemini's terms: its parts (the text, then one {@code functionCall} per tool call, its
 * {@code args} a JSON object), its finish reason, and the {@code GenerateContentResponse} bodies that carry them.
 * Gemini finishes function calls with {@code STOP} too. Arguments that are not a JSON object cannot be a Gemini call,
 * so a script with such arguments finishes {@code MALFORMED_FUNCTION_CALL} with no content, as Gemini does with a
 * call it cannot parse; blank arguments are the empty object.
 *
 * @param answer what the simulated model says
 * @param model the model, echoed as {@code modelVersion}
 * @param responseId the {@code responseId} of every body of the answer
 * @param promptTokens the tokens of the prompt
 */
record GeminiAnswer(Replies.Answer answer, String model, String responseId, long promptTokens) {

    static final String STOP = "STOP";
    static final String MALFORMED_FUNCTION_CALL = "MALFORMED_FUNCTION_CALL";

    /** The whole answer in one body, as {@code generateContent} returns it. */
    ObjectNode response() {
        if (!finishReason().equals(STOP)) {
            return fragment(List.of(), finishReason(), answer.outputTokens());
        }
        List<ObjectNode> parts = new ArrayList<>();
        if (answer.text() != null) {
            parts.add(textPart(answer.text()));
        }
        answer.toolCalls().forEach(call -> parts.add(functionCallPart(call)));
        return fragment(parts, finishReason(), answer.outputTokens());
    }

    String finishReason() {
        return answer.toolCalls().stream().allMatch(call -> args(call) != null) ? STOP : MALFORMED_FUNCTION_CALL;
    }

    /**
     * One {@code GenerateContentResponse}: a candidate with these parts (no content when there are none), the finish
     * reason unless it is {@code null}, and the usage so far.
     */
    ObjectNode fragment(List<ObjectNode> parts, String finishReason, long candidatesTokens) {
        ObjectNode root = NODES.objectNode();
        ObjectNode candidate = root.putArray("candidates").addObject();
        if (!parts.isEmpty()) {
            candidate
                    .putObject("content")
                    .put("role", "model")
                    .putArray("parts")
                    .addAll(parts);
        }
        if (finishReason != null) {
            candidate.put("finishReason", finishReason);
        }
        candidate.put("index", 0);
        root.putObject("usageMetadata")
                .put("promptTokenCount", promptTokens)
                .put("candidatesTokenCount", candidatesTokens)
                .put("totalTokenCount", promptTokens + candidatesTokens);
        root.put("modelVersion", model).put("responseId", responseId);
        return root;
    }

    static ObjectNode textPart(String text) {
        return NODES.objectNode().put("text", text);
    }

    static ObjectNode functionCallPart(ScriptedReply.ToolCall call) {
        ObjectNode part = NODES.objectNode();
        part.putObject("functionCall").put("name", call.name()).set("args", args(call));
        return part;
    }

    /** A call's arguments as the object Gemini sends, or {@code null} when they are not one. */
    private static JsonNode args(ScriptedReply.ToolCall call) {
        if (call.argumentsJson() == null || call.argumentsJson().isBlank()) {
            return NODES.objectNode();
        }
        JsonNode args = GatewayResponses.parse(call.argumentsJson());
        return args != null && args.isObject() ? args : null;
    }
}

package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Set;

/**
 * Where {@code langchain4j-google-ai-gemini} 1.19.0 and Gemini disagree, the bodies are put right here: each is
 * parsed only when its text shows the case, so a plain call pays a substring search.
 *
 * <ul>
 *   <li>Requests: the results of parallel function calls go as one user turn (the module sends one turn per result,
 *       which Gemini rejects: it wants as many {@code functionResponse} parts as the model turn had calls), and
 *       {@code allowedFunctionNames} goes in Gemini's camelCase (the module writes {@code allowed_function_names},
 *       which a gateway that decodes camelCase would drop).
 *   <li>Answers: a {@code finishReason} the module's enum does not know yet becomes {@code OTHER}, so a newer value
 *       is an answer, not a failed read (its raw value is kept in the metadata).
 * </ul>
 */
final class GeminiBodies {

    /** The values {@code langchain4j-google-ai-gemini} 1.19.0 reads; any other fails its Jackson mapping. */
    private static final Set<String> KNOWN_FINISH_REASONS = Set.of(
            "FINISH_REASON_UNSPECIFIED",
            "STOP",
            "MAX_TOKENS",
            "SAFETY",
            "RECITATION",
            "LANGUAGE",
            "OTHER",
            "BLOCKLIST",
            "PROHIBITED_CONTENT",
            "SPII",
            "MALFORMED_FUNCTION_CALL",
            "IMAGE_RECITATION",
            "IMAGE_SAFETY",
            "IMAGE_PROHIBITED_CONTENT",
            "IMAGE_OTHER",
            "NO_IMAGE",
            "UNEXPECTED_TOOL_CALL",
            "TOO_MANY_TOOL_CALLS",
            "MISSING_THOUGHT_SIGNATURE",
            "MALFORMED_RESPONSE",
            "ESCALATION");

    private GeminiBodies() {}

    /** The request body as Gemini wants it; the same string when nothing needs changing. */
    static String request(String body) {
        if (body == null || !(body.contains("\"functionResponse\"") || body.contains("\"allowed_function_names\""))) {
            return body;
        }
        if (!(Json.parseOrNull(body) instanceof ObjectNode root)) {
            return body;
        }
        if (root.get("contents") instanceof ArrayNode contents) {
            mergeFunctionResponses(contents);
        }
        if (root.path("toolConfig").get("functionCallingConfig") instanceof ObjectNode config
                && config.has("allowed_function_names")) {
            config.set("allowedFunctionNames", config.remove("allowed_function_names"));
        }
        return Json.write(root);
    }

    /** Whether an answer (a body or one stream event) holds a finish reason the module cannot read. */
    static boolean hasUnknownFinishReason(JsonNode answer) {
        for (JsonNode candidate : answer.path("candidates")) {
            JsonNode reason = candidate.get("finishReason");
            if (reason != null && reason.isTextual() && !KNOWN_FINISH_REASONS.contains(reason.textValue())) {
                return true;
            }
        }
        return false;
    }

    /** The answer with every unknown finish reason made {@code OTHER}, as JSON text for the module. */
    static String withKnownFinishReasons(JsonNode answer) {
        JsonNode copy = answer.deepCopy();
        for (JsonNode candidate : copy.path("candidates")) {
            JsonNode reason = candidate.get("finishReason");
            if (candidate instanceof ObjectNode object
                    && reason != null
                    && reason.isTextual()
                    && !KNOWN_FINISH_REASONS.contains(reason.textValue())) {
                object.put("finishReason", "OTHER");
            }
        }
        return Json.write(copy);
    }

    /** Folds each user turn made only of function responses into the one before it, when that is one too. */
    private static void mergeFunctionResponses(ArrayNode contents) {
        for (int i = contents.size() - 1; i > 0; i--) {
            JsonNode turn = contents.get(i);
            JsonNode previous = contents.get(i - 1);
            if (onlyFunctionResponses(turn) && onlyFunctionResponses(previous)) {
                ((ArrayNode) previous.get("parts")).addAll((ArrayNode) turn.get("parts"));
                contents.remove(i);
            }
        }
    }

    private static boolean onlyFunctionResponses(JsonNode turn) {
        if (!"user".equals(turn.path("role").asText()) || !(turn.get("parts") instanceof ArrayNode parts)) {
            return false;
        }
        if (parts.isEmpty()) {
            return false;
        }
        for (JsonNode part : parts) {
            if (!part.has("functionResponse")) {
                return false;
            }
        }
        return true;
    }
}

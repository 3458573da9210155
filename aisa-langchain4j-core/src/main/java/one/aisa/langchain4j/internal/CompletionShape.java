package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Checks that a 200 body has the chat-completion shape {@code langchain4j-open-ai} reads, before it reads it: that
 * module assumes every field it touches is present and of the right type, and a {@code "message": null} or a
 * {@code null} tool call ends in a raw {@code NullPointerException} instead of an error a router can act on. Each
 * problem is named by its JSON path, e.g. {@code choices[0].message is null}.
 *
 * <p>Optional fields may be absent or {@code null}; a field that is present must have its type. Tool-call
 * {@code type} and {@code arguments} are not checked here: {@link ResponseInspector} normalises them.
 */
final class CompletionShape {

    private static final java.util.List<String> TOKEN_DETAILS = java.util.List.of(
            "cached_tokens",
            "audio_tokens",
            "reasoning_tokens",
            "accepted_prediction_tokens",
            "rejected_prediction_tokens");

    private CompletionShape() {}

    /** The first problem found, or {@code null} when the body can be read. */
    static String problemIn(JsonNode body) {
        if (!body.isObject()) {
            return "the body is " + kind(body) + ", not a JSON object";
        }
        String problem = firstOf(
                optionalScalar(body, "id", ""),
                optionalScalar(body, "model", ""),
                optionalNumber(body, "created", ""),
                optionalScalar(body, "system_fingerprint", ""),
                optionalScalar(body, "service_tier", ""),
                usage(body.get("usage")));
        if (problem != null) {
            return problem;
        }
        JsonNode choices = body.get("choices");
        if (choices == null || choices.isNull()) {
            return "holds no choices";
        }
        if (!choices.isArray()) {
            return "choices is " + kind(choices) + ", not an array";
        }
        if (choices.isEmpty()) {
            return "holds no choices";
        }
        return choice(choices.get(0), "choices[0]");
    }

    private static String choice(JsonNode choice, String path) {
        if (!choice.isObject()) {
            return path + " is " + kind(choice) + ", not an object";
        }
        String problem = firstOf(
                optionalScalar(choice, "finish_reason", path + "."),
                optionalNumber(choice, "index", path + "."),
                optionalObject(choice, "logprobs", path + "."));
        if (problem != null) {
            return problem;
        }
        JsonNode message = choice.get("message");
        String messagePath = path + ".message";
        if (message == null) {
            return messagePath + " is missing";
        }
        if (!message.isObject()) {
            return messagePath + " is " + kind(message) + ", not an object";
        }
        return firstOf(
                optionalText(message, "content", messagePath + "."),
                optionalText(message, "reasoning_content", messagePath + "."),
                optionalText(message, "refusal", messagePath + "."),
                optionalScalar(message, "role", messagePath + "."),
                toolCalls(message.get("tool_calls"), messagePath + ".tool_calls"),
                functionCall(message.get("function_call"), messagePath + ".function_call"));
    }

    private static String toolCalls(JsonNode toolCalls, String path) {
        if (toolCalls == null || toolCalls.isNull()) {
            return null;
        }
        if (!toolCalls.isArray()) {
            return path + " is " + kind(toolCalls) + ", not an array";
        }
        for (int i = 0; i < toolCalls.size(); i++) {
            JsonNode call = toolCalls.get(i);
            String callPath = path + "[" + i + "]";
            if (!call.isObject()) {
                return callPath + " is " + kind(call) + ", not an object";
            }
            String problem = firstOf(
                    optionalScalar(call, "id", callPath + "."),
                    functionCall(call.get("function"), callPath + ".function"));
            if (problem != null) {
                return problem;
            }
            if (call.get("function") == null || call.get("function").isNull()) {
                return callPath + ".function is " + (call.get("function") == null ? "missing" : "null");
            }
        }
        return null;
    }

    /** A function call, when present: an object with a name and scalar or structured arguments. */
    private static String functionCall(JsonNode function, String path) {
        if (function == null || function.isNull()) {
            return null;
        }
        if (!function.isObject()) {
            return path + " is " + kind(function) + ", not an object";
        }
        JsonNode name = function.get("name");
        if (name == null || !name.isTextual() || name.asText().isBlank()) {
            return path + ".name is " + (name == null ? "missing" : kind(name)) + ", not the name of a tool";
        }
        JsonNode arguments = function.get("arguments");
        if (arguments != null && (arguments.isNumber() || arguments.isBoolean())) {
            return path + ".arguments is " + kind(arguments) + ", not JSON text or an object";
        }
        return null;
    }

    private static String usage(JsonNode usage) {
        if (usage == null || usage.isNull()) {
            return null;
        }
        if (!usage.isObject()) {
            return "usage is " + kind(usage) + ", not an object";
        }
        String problem = firstOf(
                optionalNumber(usage, "prompt_tokens", "usage."),
                optionalNumber(usage, "completion_tokens", "usage."),
                optionalNumber(usage, "total_tokens", "usage."),
                details(usage.get("prompt_tokens_details"), "usage.prompt_tokens_details"));
        return problem != null
                ? problem
                : details(usage.get("completion_tokens_details"), "usage.completion_tokens_details");
    }

    private static String details(JsonNode details, String path) {
        if (details == null || details.isNull()) {
            return null;
        }
        if (!details.isObject()) {
            return path + " is " + kind(details) + ", not an object";
        }
        for (String field : TOKEN_DETAILS) {
            String problem = optionalNumber(details, field, path + ".");
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    /**
     * Whether a field that {@code langchain4j-open-ai} does not bind passes this check: the message's {@code role}
     * a single value, a token count a number. For the tree-free reading ({@link CompletionReader}).
     */
    static boolean acceptsUnbound(String field, JsonNode value) {
        if ("role".equals(field)) {
            return value.isNull() || value.isValueNode();
        }
        return !TOKEN_DETAILS.contains(field) || value.isNull() || value.isNumber() || isIntegerText(value);
    }

    private static String optionalText(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isTextual()
                ? null
                : prefix + field + " is " + kind(value) + ", not text";
    }

    private static String optionalScalar(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isValueNode()
                ? null
                : prefix + field + " is " + kind(value) + ", not a single value";
    }

    /** A number, or text holding an integer (which Jackson reads as one). */
    private static String optionalNumber(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isNumber() || isIntegerText(value)
                ? null
                : prefix + field + " is " + kind(value) + ", not a number";
    }

    private static boolean isIntegerText(JsonNode value) {
        return value.isTextual() && value.asText().strip().matches("-?\\d{1,18}");
    }

    private static String optionalObject(JsonNode node, String field, String prefix) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() || value.isObject()
                ? null
                : prefix + field + " is " + kind(value) + ", not an object";
    }

    private static String firstOf(String... problems) {
        for (String problem : problems) {
            if (problem != null) {
                return problem;
            }
        }
        return null;
    }

    private static String kind(JsonNode node) {
        return switch (node.getNodeType()) {
            case ARRAY -> node.isEmpty() ? "an empty array" : "an array";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            case NULL -> "null";
            default -> "not a JSON value";
        };
    }
}

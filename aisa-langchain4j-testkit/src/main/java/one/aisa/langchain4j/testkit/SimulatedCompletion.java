package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.GatewayResponses.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Writes a simulated answer as an OpenAI {@code chat.completion} body: one choice, its tool calls, the usage. */
final class SimulatedCompletion {

    private SimulatedCompletion() {}

    static JsonNode body(String id, String model, Replies.Answer answer, ObjectNode usage, long created) {
        ObjectNode message = NODES.objectNode().put("role", "assistant");
        message.putNull("refusal");
        if (answer.text() == null) {
            message.putNull("content");
        } else {
            message.put("content", answer.text());
        }
        if (!answer.toolCalls().isEmpty()) {
            ArrayNode calls = message.putArray("tool_calls");
            for (int i = 0; i < answer.toolCalls().size(); i++) {
                ScriptedReply.ToolCall call = answer.toolCalls().get(i);
                calls.addObject()
                        .put("id", toolCallId(id, i))
                        .put("type", "function")
                        .putObject("function")
                        .put("name", call.name())
                        .put("arguments", call.argumentsJson());
            }
        }
        ObjectNode root = NODES.objectNode()
                .put("id", id)
                .put("object", "chat.completion")
                .put("created", created)
                .put("model", model);
        root.putArray("choices")
                .addObject()
                .put("index", 0)
                .put("finish_reason", finishReason(answer))
                .putNull("logprobs")
                .set("message", message);
        root.set("usage", usage);
        return root;
    }

    /** The id of an answer's {@code index}th tool call, the same in a completion and in a stream. */
    static String toolCallId(String responseId, int index) {
        return "call_" + responseId.substring(responseId.lastIndexOf('-') + 1) + "_" + index;
    }

    static String finishReason(Replies.Answer answer) {
        return answer.toolCalls().isEmpty() ? "stop" : "tool_calls";
    }
}

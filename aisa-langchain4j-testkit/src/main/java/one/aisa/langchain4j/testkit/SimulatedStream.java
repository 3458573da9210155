package one.aisa.langchain4j.testkit;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;

/** Writes a simulated answer as an OpenAI-style SSE stream: role chunk, text pieces or tool-call fragments, a
 * finish chunk, a usage chunk with empty {@code choices}, {@code [DONE]}; or cut short / broken by a fault. */
final class SimulatedStream {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private SimulatedStream() {}

    static String body(String id, String model, Replies.Answer answer, ObjectNode usage, SimulatedFault fault) {
        List<ObjectNode> chunks = new ArrayList<>();
        chunks.add(chunk(id, model, NODES.objectNode().put("role", "assistant").put("content", ""), null));
        if (answer.text() != null) {
            for (String piece : pieces(answer.text())) {
                chunks.add(chunk(id, model, NODES.objectNode().put("content", piece), null));
            }
        }
        for (int i = 0; i < answer.toolCalls().size(); i++) {
            ScriptedReply.ToolCall call = answer.toolCalls().get(i);
            String arguments = call.argumentsJson();
            int half = arguments.length() / 2;
            chunks.add(toolChunk(
                    id, model, i, SimulatedCompletion.toolCallId(id, i), call.name(), arguments.substring(0, half)));
            chunks.add(toolChunk(id, model, i, null, null, arguments.substring(half)));
        }
        chunks.add(chunk(id, model, NODES.objectNode(), SimulatedCompletion.finishReason(answer)));

        StringBuilder body = new StringBuilder();
        int limit = fault == null ? chunks.size() : Math.min(fault.afterChunks, chunks.size() - 1);
        for (int i = 0; i < limit; i++) {
            event(body, GatewayResponses.write(chunks.get(i)));
        }
        if (fault != null) {
            if (fault.kind == SimulatedFault.Kind.ERROR_IN_STREAM) {
                event(body, GatewayResponses.write(GatewayResponses.errorBody(fault.type, fault.code, fault.message)));
            }
            return body.toString();
        }
        ObjectNode usageChunk = chunk(id, model, null, null);
        usageChunk.putArray("choices");
        usageChunk.set("usage", usage);
        event(body, GatewayResponses.write(usageChunk));
        event(body, "[DONE]");
        return body.toString();
    }

    /** Word-sized pieces, the way providers stream. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        for (int i = 1; i <= text.length(); i++) {
            if (i == text.length() || text.charAt(i) == ' ') {
                pieces.add(text.substring(start, i));
                start = i;
            }
        }
        return pieces;
    }

    private static ObjectNode toolChunk(String id, String model, int index, String callId, String name, String args) {
        ObjectNode call = NODES.objectNode().put("index", index);
        if (callId != null) {
            call.put("id", callId).put("type", "function");
        }
        ObjectNode function = call.putObject("function");
        if (name != null) {
            function.put("name", name);
        }
        function.put("arguments", args);
        ObjectNode delta = NODES.objectNode();
        delta.putArray("tool_calls").add(call);
        return chunk(id, model, delta, null);
    }

    private static ObjectNode chunk(String id, String model, ObjectNode delta, String finishReason) {
        ObjectNode chunk = NODES.objectNode()
                .put("id", id)
                .put("object", "chat.completion.chunk")
                .put("created", 1_700_000_000L)
                .put("model", model);
        if (delta != null) {
            ArrayNode choices = chunk.putArray("choices");
            ObjectNode choice = choices.addObject().put("index", 0);
            choice.set("delta", delta);
            if (finishReason == null) {
                choice.putNull("finish_reason");
            } else {
                choice.put("finish_reason", finishReason);
            }
        }
        return chunk;
    }

    private static void event(StringBuilder body, String data) {
        body.append("data: ").append(data).append("\n\n");
    }
}

package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Assembles streamed tool calls by {@code index}, the way providers behind the gateway really send them: ids and
 * names only on the first fragment, arguments split anywhere, calls interleaved (0, 1, 0, 1) or out of order, no
 * {@code index} at all (Gemini's layer: a new id means a new call), arguments as a JSON object (TGI), continuation
 * fragments with empty ids or null names that must not overwrite what is known.
 *
 * <p>A call is reported complete as soon as another call starts while its arguments already form a whole JSON
 * value (nothing can be appended to it any more), otherwise when the stream finishes, so an interleaving provider
 * never gets a call completed twice or too early.
 */
final class StreamingToolCalls {

    private final Map<Integer, Call> calls = new TreeMap<>();
    private Integer lastIndex;

    /** Applies one {@code tool_calls} delta; reports new argument text and any call known to be complete. */
    void append(JsonNode delta, Consumer<PartialToolCall> onPartial, Consumer<CompleteToolCall> onComplete) {
        int index = indexOf(delta);
        Call call = calls.computeIfAbsent(index, Call::new);
        String id = Json.text(delta, "id");
        if (id != null && call.id == null) {
            call.id = id;
        }
        JsonNode function = delta.path("function");
        String name = Json.text(function, "name");
        if (name != null && call.name == null) {
            call.name = name;
        }
        JsonNode arguments = function.get("arguments");
        String fragment = arguments == null || arguments.isNull()
                ? ""
                : arguments.isTextual() ? arguments.asText() : Json.write(arguments);
        if (!fragment.isEmpty()) {
            call.arguments.append(fragment);
            call.unreported.append(fragment);
        }
        if (call.name != null && call.unreported.length() > 0 && !call.completed) {
            onPartial.accept(PartialToolCall.builder()
                    .index(index)
                    .id(call.id)
                    .name(call.name)
                    .partialArguments(call.unreported.toString())
                    .build());
            call.unreported.setLength(0);
        }
        if (lastIndex != null && lastIndex != index) {
            Call previous = calls.get(lastIndex);
            if (!previous.completed && previous.name != null && Json.isWholeValue(previous.arguments)) {
                complete(previous, onComplete);
            }
        }
        lastIndex = index;
    }

    /** Completes every call not yet completed, in index order. */
    void finish(Consumer<CompleteToolCall> onComplete) {
        for (Call call : calls.values()) {
            if (!call.completed && call.name != null) {
                complete(call, onComplete);
            }
        }
    }

    List<ToolExecutionRequest> requests() {
        List<ToolExecutionRequest> requests = new ArrayList<>();
        for (Call call : calls.values()) {
            if (call.name != null) {
                requests.add(call.request());
            }
        }
        return requests;
    }

    /** A call that carried an id or arguments but never a function name (it cannot be run), or {@code null}. */
    String namelessCall() {
        for (Call call : calls.values()) {
            if (call.name == null && (call.id != null || call.arguments.length() > 0)) {
                return "tool call " + call.index + " has no function name";
            }
        }
        return null;
    }

    boolean isEmpty() {
        return calls.isEmpty();
    }

    private int indexOf(JsonNode delta) {
        JsonNode index = delta.get("index");
        if (index != null && index.canConvertToInt()) {
            return index.asInt();
        }
        String id = Json.text(delta, "id");
        if (id != null) {
            for (Call call : calls.values()) {
                if (id.equals(call.id)) {
                    return call.index;
                }
            }
            return calls.isEmpty() ? 0 : ((TreeMap<Integer, Call>) calls).lastKey() + 1;
        }
        return lastIndex == null ? 0 : lastIndex;
    }

    private static void complete(Call call, Consumer<CompleteToolCall> onComplete) {
        call.completed = true;
        onComplete.accept(new CompleteToolCall(call.index, call.request()));
    }

    private static final class Call {
        final int index;
        String id;
        String name;
        final StringBuilder arguments = new StringBuilder();
        final StringBuilder unreported = new StringBuilder();
        boolean completed;

        Call(int index) {
            this.index = index;
        }

        ToolExecutionRequest request() {
            String args = arguments.toString();
            return ToolExecutionRequest.builder()
                    .id(id)
                    .name(name)
                    .arguments(args.isBlank() ? "{}" : args)
                    .build();
        }
    }
}

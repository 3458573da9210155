package one.aisa.langchain4j.testkit;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A scripted answer of the {@link AisaSimulator}: for a model (or any) and a prompt pattern, a text, or tool calls
 * when the request offers tools.
 */
final class ScriptedReply {

    /** One tool call the model asks for. */
    record ToolCall(String name, String argumentsJson) {}

    final String model;
    final Pattern prompt;
    final String text;
    final List<ToolCall> toolCalls;

    ScriptedReply(String model, Pattern prompt, String text, List<ToolCall> toolCalls) {
        this.model = model;
        this.prompt = Objects.requireNonNull(prompt);
        this.text = text;
        this.toolCalls = List.copyOf(toolCalls);
    }

    boolean matches(String requestedModel, String lastUserText) {
        return (model == null || model.equals(requestedModel))
                && prompt.matcher(lastUserText).find();
    }
}

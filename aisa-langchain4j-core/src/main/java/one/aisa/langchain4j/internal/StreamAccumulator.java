package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.AisaChatResponseMetadata;

/**
 * The pure half of a streamed answer: chat-completion chunks in, the deltas they carry and, at the end, the whole
 * {@link ChatResponse} out. No I/O, no threads, no handler: {@link StreamingCall} owns the lifecycle and decides
 * what reaches the user.
 */
final class StreamAccumulator {

    /** Where the deltas of a chunk go, in stream order. */
    interface Deltas {
        void text(String text);

        void thinking(String thinking);

        void partialToolCall(PartialToolCall partial);

        void completeToolCall(CompleteToolCall complete);
    }

    private final boolean returnThinking;
    private final StringBuilder text = new StringBuilder();
    private final StringBuilder thinking = new StringBuilder();
    private final StreamingToolCalls toolCalls = new StreamingToolCalls();
    private String id;
    private String model;
    private Long created;
    private String serviceTier;
    private String systemFingerprint;
    private JsonNode usage;
    private String rawFinishReason;

    StreamAccumulator(boolean returnThinking) {
        this.returnThinking = returnThinking;
    }

    /** Takes one chunk and reports its deltas; false when it carried nothing to deliver. */
    boolean accept(JsonNode chunk, Deltas deltas) {
        remember(chunk);
        JsonNode choice = chunk.path("choices").path(0);
        if (choice.isMissingNode()) {
            return false;
        }
        String finish = Json.text(choice, "finish_reason");
        if (finish != null) {
            rawFinishReason = finish;
        }
        JsonNode delta = choice.path("delta");
        boolean mapped = false;
        String reasoning = firstNonNull(Json.text(delta, "reasoning_content"), Json.text(delta, "reasoning"));
        if (reasoning != null && returnThinking) {
            thinking.append(reasoning);
            deltas.thinking(reasoning);
            mapped = true;
        }
        String content = Json.text(delta, "content");
        if (content != null) {
            text.append(content);
            deltas.text(content);
            mapped = true;
        }
        JsonNode calls = delta.get("tool_calls");
        if (calls != null && calls.isArray()) {
            calls.forEach(call -> toolCalls.append(call, deltas::partialToolCall, deltas::completeToolCall));
            mapped = true;
        } else if (calls != null && calls.isObject()) {
            toolCalls.append(calls, deltas::partialToolCall, deltas::completeToolCall);
            mapped = true;
        }
        JsonNode legacy = delta.get("function_call");
        if (legacy != null && legacy.isObject()) {
            ObjectNode asToolCall = JsonNodeFactory.instance.objectNode();
            asToolCall.put("index", 0);
            asToolCall.set("function", legacy);
            toolCalls.append(asToolCall, deltas::partialToolCall, deltas::completeToolCall);
            mapped = true;
        }
        return mapped;
    }

    /** Whether a chunk said how the answer ended. */
    boolean finished() {
        return rawFinishReason != null;
    }

    /** Characters of text so far. */
    int textLength() {
        return text.length();
    }

    /** A tool call that never got a name (it cannot be run), or {@code null}. */
    String namelessCall() {
        return toolCalls.namelessCall();
    }

    /** Completes the tool calls still open, then builds the answer. */
    ChatResponse finish(Deltas deltas, Map<String, List<String>> headers, GatewayErrors errors) {
        toolCalls.finish(deltas::completeToolCall);
        AiMessage.Builder message = AiMessage.builder().toolExecutionRequests(toolCalls.requests());
        if (text.length() > 0) {
            message.text(text.toString());
        }
        if (thinking.length() > 0) {
            message.thinking(thinking.toString());
        }
        AiMessage aiMessage = message.build();
        UsageExtras extras = UsageExtras.read(usage, headers, errors);
        return ChatResponse.builder()
                .aiMessage(aiMessage)
                .metadata(AisaChatResponseMetadata.builder()
                        .id(id)
                        .modelName(model)
                        .tokenUsage(TokenUsages.from(usage))
                        .finishReason(FinishReasons.resolve(rawFinishReason, aiMessage.hasToolExecutionRequests()))
                        .rawFinishReason(rawFinishReason)
                        .cost(extras.cost())
                        .creditsRemaining(extras.creditsRemaining())
                        .requestId(extras.requestId())
                        .created(created)
                        .serviceTier(serviceTier)
                        .systemFingerprint(systemFingerprint)
                        .build())
                .build();
    }

    private void remember(JsonNode chunk) {
        id = firstNonNull(Json.text(chunk, "id"), id);
        model = firstNonNull(Json.text(chunk, "model"), model);
        serviceTier = firstNonNull(Json.text(chunk, "service_tier"), serviceTier);
        systemFingerprint = firstNonNull(Json.text(chunk, "system_fingerprint"), systemFingerprint);
        JsonNode createdNode = chunk.get("created");
        if (createdNode != null && createdNode.canConvertToLong() && createdNode.asLong() > 0) {
            created = createdNode.asLong();
        }
        JsonNode usageNode = chunk.get("usage");
        if (usageNode != null && usageNode.isObject()) {
            usage = usageNode;
        }
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}

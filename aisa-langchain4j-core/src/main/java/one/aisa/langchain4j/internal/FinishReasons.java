package one.aisa.langchain4j.internal;

import dev.langchain4j.Internal;
import dev.langchain4j.model.output.FinishReason;
import java.util.Locale;

/**
 * Maps the finish reasons that leak through the gateway from each provider (OpenAI, raw Anthropic and Gemini
 * values, OSS servers) onto LangChain4j's enum. Anything unknown is {@code OTHER}, never {@code null}.
 */
@Internal
public final class FinishReasons {

    private FinishReasons() {}

    public static FinishReason from(String raw) {
        if (raw == null) {
            return null;
        }
        return switch (raw.toLowerCase(Locale.ROOT)) {
            case "stop", "end_turn", "stop_sequence", "eos", "eos_token" -> FinishReason.STOP;
            case "length", "max_tokens", "model_context_window_exceeded" -> FinishReason.LENGTH;
            case "tool_calls", "function_call", "tool_use" -> FinishReason.TOOL_EXECUTION;
            case "content_filter",
                    "safety",
                    "recitation",
                    "refusal",
                    "blocklist",
                    "prohibited_content",
                    "spii",
                    "image_safety" -> FinishReason.CONTENT_FILTER;
            default -> FinishReason.OTHER;
        };
    }

    /**
     * The one rule of both paths, blocking and streaming: tool calls in the answer are authoritative (Gemini's layer
     * reports {@code stop} alongside them); otherwise the provider's value mapped, and {@code null} when it sent none.
     */
    public static FinishReason resolve(String raw, boolean hasToolCalls) {
        if (hasToolCalls) {
            return FinishReason.TOOL_EXECUTION;
        }
        return from(raw);
    }
}

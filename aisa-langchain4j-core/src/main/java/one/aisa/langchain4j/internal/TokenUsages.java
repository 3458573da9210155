package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.openai.OpenAiTokenUsage;

/** Reads an OpenAI-shaped {@code usage} object, including cached input and reasoning output tokens. */
final class TokenUsages {

    private TokenUsages() {}

    public static OpenAiTokenUsage from(JsonNode usage) {
        if (usage == null || !usage.isObject()) {
            return null;
        }
        OpenAiTokenUsage.Builder builder = OpenAiTokenUsage.builder()
                .inputTokenCount(integer(usage.get("prompt_tokens")))
                .outputTokenCount(integer(usage.get("completion_tokens")))
                .totalTokenCount(integer(usage.get("total_tokens")));
        Integer cached = integer(usage.path("prompt_tokens_details").get("cached_tokens"));
        if (cached != null) {
            builder.inputTokensDetails(OpenAiTokenUsage.InputTokensDetails.builder()
                    .cachedTokens(cached)
                    .build());
        }
        Integer reasoning = integer(usage.path("completion_tokens_details").get("reasoning_tokens"));
        if (reasoning != null) {
            builder.outputTokensDetails(OpenAiTokenUsage.OutputTokensDetails.builder()
                    .reasoningTokens(reasoning)
                    .build());
        }
        return builder.build();
    }

    private static Integer integer(JsonNode node) {
        return node != null && node.canConvertToInt() ? node.asInt() : null;
    }
}

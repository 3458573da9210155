package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import one.aisa.langchain4j.AisaGeminiChatResponseMetadata.SafetyRating;
import one.aisa.langchain4j.exception.AisaErrorDetails;
import one.aisa.langchain4j.exception.AisaInvalidRequestException;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.exception.ContentPolicyException;

/**
 * What one Gemini answer said beyond what {@code langchain4j-google-ai-gemini} maps, gathered from its body (or
 * from each event of its stream): the raw finish reason, the usage, the safety ratings, whether any content came,
 * and a prompt block. Also the rules that turn an answer without content into a typed exception instead of an
 * empty message.
 */
final class GeminiAnswer {

    /** Finish reasons that mean Gemini filtered the answer: no content with one of them is a content policy. */
    private static final Set<String> FILTERED = Set.of(
            "SAFETY",
            "RECITATION",
            "LANGUAGE",
            "BLOCKLIST",
            "PROHIBITED_CONTENT",
            "SPII",
            "IMAGE_SAFETY",
            "IMAGE_PROHIBITED_CONTENT",
            "IMAGE_RECITATION");

    String rawFinishReason;
    JsonNode usage;
    JsonNode cost;
    List<SafetyRating> safetyRatings = List.of();
    boolean content;
    String blockReason;

    /** Takes in one body or stream event; later events win, as Gemini's usage is cumulative. */
    void add(JsonNode event) {
        JsonNode feedback = event.path("promptFeedback");
        if (feedback.hasNonNull("blockReason")) {
            blockReason = feedback.path("blockReason").asText();
        }
        if (event.has("usageMetadata")) {
            usage = event.get("usageMetadata");
            cost = usage.get("cost");
        }
        JsonNode candidate = event.path("candidates").path(0);
        if (candidate.isMissingNode()) {
            return;
        }
        String finishReason = Json.text(candidate, "finishReason");
        if (finishReason != null) {
            rawFinishReason = finishReason;
        }
        if (candidate.path("safetyRatings").isArray()) {
            safetyRatings = ratings(candidate.get("safetyRatings"));
        }
        for (JsonNode part : candidate.path("content").path("parts")) {
            content |= part.has("functionCall")
                    || !part.path("text").asText("").isEmpty()
                            && !part.path("thought").asBoolean(false);
        }
    }

    /**
     * Why this finished answer is not one, or {@code null}: a blocked prompt, or a candidate without content (a
     * filter, a budget spent on thinking, or another reason Gemini gave).
     */
    RuntimeException problem(Map<String, List<String>> headers, GatewayErrors errors) {
        String requestId = errors.requestId(headers);
        if (blockReason != null) {
            String message = "Gemini blocked the prompt (promptFeedback.blockReason " + blockReason
                    + "): rephrase it, or relax safetySettings if the block is a false positive.";
            return new ContentPolicyException(message, details(200, blockReason, message, requestId));
        }
        if (content) {
            return null;
        }
        String reason = rawFinishReason == null ? "none" : rawFinishReason;
        if (FILTERED.contains(reason)) {
            String message = "Gemini returned no content (finishReason " + reason + "): the answer was filtered.";
            return new ContentPolicyException(message, details(200, reason, message, requestId));
        }
        if ("MAX_TOKENS".equals(reason)) {
            String message = "Gemini returned no content (finishReason MAX_TOKENS): the output budget was spent"
                    + " before any answer, likely on thinking. Raise maxTokens or lower thinkingConfig's budget.";
            return new AisaInvalidRequestException(message, details(200, reason, message, requestId));
        }
        String message = "Gemini returned no content (finishReason " + reason + ").";
        return new AisaServerException(message, details(200, reason, message, requestId));
    }

    /** Gemini's usage on the OpenAI-compatible route's type: thoughts are billed output, and reasoning. */
    OpenAiTokenUsage tokenUsage() {
        if (usage == null) {
            return null;
        }
        Integer prompt = count("promptTokenCount");
        Integer candidates = count("candidatesTokenCount");
        Integer thoughts = count("thoughtsTokenCount");
        Integer cached = count("cachedContentTokenCount");
        Integer output = candidates == null && thoughts == null
                ? null
                : (candidates == null ? 0 : candidates) + (thoughts == null ? 0 : thoughts);
        return OpenAiTokenUsage.builder()
                .inputTokenCount(prompt)
                .inputTokensDetails(
                        cached == null
                                ? null
                                : OpenAiTokenUsage.InputTokensDetails.builder()
                                        .cachedTokens(cached)
                                        .build())
                .outputTokenCount(output)
                .outputTokensDetails(
                        thoughts == null
                                ? null
                                : OpenAiTokenUsage.OutputTokensDetails.builder()
                                        .reasoningTokens(thoughts)
                                        .build())
                .totalTokenCount(count("totalTokenCount"))
                .build();
    }

    private Integer count(String field) {
        JsonNode value = usage.get(field);
        return value != null && value.canConvertToInt() ? value.intValue() : null;
    }

    private static List<SafetyRating> ratings(JsonNode ratings) {
        List<SafetyRating> all = new ArrayList<>();
        for (JsonNode rating : ratings) {
            all.add(new SafetyRating(
                    Json.text(rating, "category"),
                    Json.text(rating, "probability"),
                    rating.path("blocked").asBoolean(false)));
        }
        return List.copyOf(all);
    }

    private static AisaErrorDetails details(int status, String code, String message, String requestId) {
        return new AisaErrorDetails(status, "gemini", code, message, null, requestId, null);
    }
}

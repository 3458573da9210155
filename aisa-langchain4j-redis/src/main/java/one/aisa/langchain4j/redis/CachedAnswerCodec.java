package one.aisa.langchain4j.redis;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessageDeserializer;
import dev.langchain4j.data.message.ChatMessageSerializer;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.ChatResponseMetadata;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.FinishReason;
import dev.langchain4j.model.output.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.AisaGeminiChatResponseMetadata;
import one.aisa.langchain4j.cache.CachedAnswer;

/**
 * A cached answer as JSON, for a store other processes read: the message by LangChain4j's own serializer, the
 * metadata field by field (token usage with cached and reasoning tokens, finish reason, cost, request id, a Gemini
 * answer's safety ratings), the streamed pieces and when it was stored. A model's metadata of another type keeps
 * its common fields.
 */
final class CachedAnswerCodec {

    private static final ObjectMapper JSON = new ObjectMapper();

    private CachedAnswerCodec() {}

    static String write(CachedAnswer answer) {
        ObjectNode root = JSON.createObjectNode().put("version", 1);
        root.put(
                "message", ChatMessageSerializer.messageToJson(answer.response().aiMessage()));
        ArrayNode partials = root.putArray("partials");
        answer.partials().forEach(partials::add);
        root.put("storedAt", answer.storedAt().toEpochMilli());
        ChatResponseMetadata metadata = answer.response().metadata();
        ObjectNode meta = root.putObject("metadata")
                .put("id", metadata.id())
                .put("modelName", metadata.modelName())
                .put(
                        "finishReason",
                        metadata.finishReason() == null
                                ? null
                                : metadata.finishReason().name());
        TokenUsage usage = metadata.tokenUsage();
        if (usage != null) {
            ObjectNode tokens = meta.putObject("tokens")
                    .put("input", usage.inputTokenCount())
                    .put("output", usage.outputTokenCount())
                    .put("total", usage.totalTokenCount());
            if (usage instanceof OpenAiTokenUsage openAi) {
                tokens.put(
                        "cached",
                        openAi.inputTokensDetails() == null
                                ? null
                                : openAi.inputTokensDetails().cachedTokens());
                tokens.put(
                        "reasoning",
                        openAi.outputTokensDetails() == null
                                ? null
                                : openAi.outputTokensDetails().reasoningTokens());
            }
        }
        if (metadata instanceof AisaChatResponseMetadata aisa) {
            meta.put("cost", aisa.cost() == null ? null : aisa.cost().toPlainString())
                    .put("rawFinishReason", aisa.rawFinishReason())
                    .put("requestId", aisa.requestId());
        }
        if (metadata instanceof AisaGeminiChatResponseMetadata gemini) {
            ArrayNode ratings = meta.putArray("safetyRatings");
            gemini.safetyRatings()
                    .forEach(rating -> ratings.addObject()
                            .put("category", rating.category())
                            .put("probability", rating.probability())
                            .put("blocked", rating.blocked()));
        }
        return root.toString();
    }

    static CachedAnswer read(String text) {
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException("a cached answer in Redis is not JSON", e);
        }
        AiMessage message = (AiMessage)
                ChatMessageDeserializer.messageFromJson(root.path("message").asText());
        List<String> partials = new ArrayList<>();
        root.path("partials").forEach(piece -> partials.add(piece.asText()));
        JsonNode meta = root.path("metadata");
        AisaChatResponseMetadata.Builder builder;
        if (meta.has("safetyRatings")) {
            List<AisaGeminiChatResponseMetadata.SafetyRating> ratings = new ArrayList<>();
            meta.path("safetyRatings")
                    .forEach(rating -> ratings.add(new AisaGeminiChatResponseMetadata.SafetyRating(
                            text(rating, "category"),
                            text(rating, "probability"),
                            rating.path("blocked").asBoolean())));
            builder = AisaGeminiChatResponseMetadata.builder().safetyRatings(ratings);
        } else {
            builder = AisaChatResponseMetadata.builder();
        }
        builder.id(text(meta, "id"))
                .modelName(text(meta, "modelName"))
                .finishReason(
                        meta.hasNonNull("finishReason")
                                ? FinishReason.valueOf(meta.get("finishReason").asText())
                                : null)
                .rawFinishReason(text(meta, "rawFinishReason"))
                .requestId(text(meta, "requestId"))
                .cost(meta.hasNonNull("cost") ? new BigDecimal(meta.get("cost").asText()) : null);
        JsonNode tokens = meta.path("tokens");
        if (tokens.isObject()) {
            OpenAiTokenUsage.Builder usage = OpenAiTokenUsage.builder()
                    .inputTokenCount(integer(tokens, "input"))
                    .outputTokenCount(integer(tokens, "output"))
                    .totalTokenCount(integer(tokens, "total"));
            if (tokens.hasNonNull("cached")) {
                usage.inputTokensDetails(OpenAiTokenUsage.InputTokensDetails.builder()
                        .cachedTokens(integer(tokens, "cached"))
                        .build());
            }
            if (tokens.hasNonNull("reasoning")) {
                usage.outputTokensDetails(OpenAiTokenUsage.OutputTokensDetails.builder()
                        .reasoningTokens(integer(tokens, "reasoning"))
                        .build());
            }
            builder.tokenUsage(usage.build());
        }
        ChatResponse response = ChatResponse.builder()
                .aiMessage(message)
                .metadata(builder.build())
                .build();
        return new CachedAnswer(
                response, partials, Instant.ofEpochMilli(root.path("storedAt").asLong()));
    }

    private static String text(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asText() : null;
    }

    private static Integer integer(JsonNode node, String field) {
        return node.hasNonNull(field) ? node.get(field).asInt() : null;
    }
}

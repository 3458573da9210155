package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.GatewayResponses.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** Reads the prompt out of a request body, OpenAI's {@code messages} or Gemini's {@code contents}, and sizes text. */
final class Prompts {

    private Prompts() {}

    static JsonNode lastMessage(JsonNode body) {
        JsonNode messages = messages(body);
        return messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1) : NODES.objectNode();
    }

    static String lastUserText(JsonNode body) {
        JsonNode messages = messages(body);
        for (int i = messages.size() - 1; i >= 0; i--) {
            if ("user".equals(messages.get(i).path("role").asText())) {
                return contentText(messages.get(i).get("content"));
            }
        }
        return "";
    }

    private static JsonNode messages(JsonNode body) {
        return body == null ? NODES.arrayNode() : body.path("messages");
    }

    /** A message's text: the string, or its text parts joined, with {@code [image]} for an image part. */
    static String contentText(JsonNode content) {
        if (content == null || content.isNull()) {
            return "";
        }
        if (content.isTextual()) {
            return content.asText();
        }
        List<String> parts = new ArrayList<>();
        for (JsonNode part : content) {
            if (part.has("text")) {
                parts.add(part.path("text").asText());
            } else if (part.has("image_url")) {
                parts.add("[image]");
            }
        }
        return String.join(" ", parts);
    }

    /** Everything a chat request sends the model: every message's text, then the tool definitions. */
    static String chatPromptText(JsonNode body) {
        StringBuilder text = new StringBuilder();
        for (JsonNode message : body.path("messages")) {
            text.append(contentText(message.get("content"))).append('\n');
        }
        JsonNode tools = body.get("tools");
        if (tools != null) {
            text.append(tools);
        }
        return text.toString();
    }

    /** The text parts of a {@code generateContent} request's contents, run together. */
    static String geminiPromptText(JsonNode body) {
        StringBuilder prompt = new StringBuilder();
        for (JsonNode content : body == null ? NODES.arrayNode() : body.path("contents")) {
            for (JsonNode part : content.path("parts")) {
                prompt.append(part.path("text").asText(""));
            }
        }
        return prompt.toString();
    }

    /** About four characters per token, the usual rule of thumb for English text. */
    static long estimateTokens(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }
}

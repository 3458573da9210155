package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.GatewayResponses.NODES;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedList;
import java.util.List;

/**
 * Reads the prompt out of a request body, OpenAI's {@code messages} or Gemini's {@code contents}, and sizes text.
 * Gemini field names are read in proto JSON's camelCase or in snake_case, as Google accepts both.
 */
final class Prompts {

    private Prompts() {}

    static JsonNode lastMessage(JsonNode body) {
        JsonNode messages = messages(body);
        return messages.isArray() && !messages.isEmpty() ? messages.get(messages.size() - 1) : NODES.objectNode();
    }

    /** The text of the last user message, or of the last user turn with text in a Gemini request; or {@code ""}. */
    static String lastUserText(JsonNode body) {
        if (body != null && !body.has("messages") && body.has("contents")) {
            return geminiLastUserText(body);
        }
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

    /**
     * Everything a {@code generateContent} request sends the model: the system instruction, every turn's parts
     * (function calls and responses as their JSON), then the tool declarations.
     */
    static String geminiPromptText(JsonNode body) {
        if (body == null) {
            return "";
        }
        StringBuilder text = new StringBuilder();
        JsonNode system = field(body, "systemInstruction", "system_instruction");
        if (!system.isMissingNode()) {
            text.append(partsText(system.path("parts"), true)).append('\n');
        }
        for (JsonNode content : body.path("contents")) {
            text.append(partsText(content.path("parts"), true)).append('\n');
        }
        JsonNode tools = body.get("tools");
        if (tools != null) {
            text.append(tools);
        }
        return text.toString();
    }

    /** The text of the last user turn that has text: the turns after it carry only function responses. */
    static String geminiLastUserText(JsonNode body) {
        JsonNode contents = contents(body);
        for (int i = contents.size() - 1; i >= 0; i--) {
            JsonNode content = contents.get(i);
            if (isUserTurn(content) && !hasFunctionResponse(content)) {
                return partsText(content.path("parts"), false);
            }
        }
        return "";
    }

    /** Whether the last turn is the user's own words, not the results of function calls. */
    static boolean geminiEndsWithUserText(JsonNode body) {
        JsonNode contents = contents(body);
        if (contents.isEmpty()) {
            return false;
        }
        JsonNode last = contents.get(contents.size() - 1);
        return isUserTurn(last) && !hasFunctionResponse(last);
    }

    /** Whether the request declares at least one function in {@code tools[].functionDeclarations}. */
    static boolean geminiOffersFunctions(JsonNode body) {
        for (JsonNode tool : body == null ? NODES.arrayNode() : body.path("tools")) {
            JsonNode declarations = field(tool, "functionDeclarations", "function_declarations");
            if (declarations.isArray() && !declarations.isEmpty()) {
                return true;
            }
        }
        return false;
    }

    /**
     * The function responses of the trailing turns, every one when several calls ran in parallel, joined by
     * {@code "; "}; without any, the text of the last turn. A response wrapping one string (in {@code result} or
     * {@code content}, the usual wrappers) reads as that string, any other as its JSON.
     */
    static String geminiTrailingFunctionResponses(JsonNode body) {
        JsonNode contents = contents(body);
        LinkedList<String> results = new LinkedList<>();
        for (int i = contents.size() - 1; i >= 0 && hasFunctionResponse(contents.get(i)); i--) {
            List<String> turn = new ArrayList<>();
            for (JsonNode part : contents.get(i).path("parts")) {
                JsonNode response = field(part, "functionResponse", "function_response");
                if (!response.isMissingNode()) {
                    turn.add(responseText(response.path("response")));
                }
            }
            results.addAll(0, turn);
        }
        if (results.isEmpty()) {
            return contents.isEmpty()
                    ? ""
                    : partsText(contents.get(contents.size() - 1).path("parts"), false);
        }
        return String.join("; ", results);
    }

    private static JsonNode contents(JsonNode body) {
        return body == null || !body.path("contents").isArray() ? NODES.arrayNode() : body.path("contents");
    }

    /** A turn without a role is the user's, as Google reads a single-turn request. */
    private static boolean isUserTurn(JsonNode content) {
        String role = content.path("role").asText("");
        return role.isEmpty() || role.equals("user");
    }

    private static boolean hasFunctionResponse(JsonNode content) {
        for (JsonNode part : content.path("parts")) {
            if (!field(part, "functionResponse", "function_response").isMissingNode()) {
                return true;
            }
        }
        return false;
    }

    /**
     * A turn's text parts joined, {@code [image]} or {@code [file]} for media, and with {@code calls} the JSON of its
     * function calls and responses.
     */
    private static String partsText(JsonNode parts, boolean calls) {
        List<String> texts = new ArrayList<>();
        for (JsonNode part : parts) {
            JsonNode media = field(part, "inlineData", "inline_data");
            media = media.isMissingNode() ? field(part, "fileData", "file_data") : media;
            if (part.has("text")) {
                texts.add(part.path("text").asText());
            } else if (!media.isMissingNode()) {
                texts.add(field(media, "mimeType", "mime_type").asText("").startsWith("image/") ? "[image]" : "[file]");
            } else if (calls && isFunctionPart(part)) {
                texts.add(part.toString());
            }
        }
        return String.join(" ", texts);
    }

    private static boolean isFunctionPart(JsonNode part) {
        return !field(part, "functionCall", "function_call").isMissingNode()
                || !field(part, "functionResponse", "function_response").isMissingNode();
    }

    private static String responseText(JsonNode response) {
        if (response.isTextual()) {
            return response.asText();
        }
        for (String wrapper : List.of("result", "content")) {
            if (response.path(wrapper).isTextual()) {
                return response.path(wrapper).asText();
            }
        }
        return response.toString();
    }

    private static JsonNode field(JsonNode node, String camelCase, String snakeCase) {
        JsonNode value = node.path(camelCase);
        return value.isMissingNode() ? node.path(snakeCase) : value;
    }

    /** About four characters per token, the usual rule of thumb for English text. */
    static long estimateTokens(String text) {
        return text == null || text.isEmpty() ? 0 : (text.length() + 3) / 4;
    }
}

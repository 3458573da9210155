package one.aisa.langchain4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedList;
import java.util.List;
import java.util.function.Supplier;

/** What the simulated model says: the first script that matches, or a default reply that echoes the prompt. */
final class Replies {

    private static final int PROMPT_ECHO_CHARS = 60;

    /** A chat answer: text, tool calls, or both. */
    record Answer(String text, List<ScriptedReply.ToolCall> toolCalls) {

        /** The tokens the answer is billed for: its text's, eight per tool call, at least one. */
        long outputTokens() {
            return Math.max(1, Prompts.estimateTokens(text) + 8L * toolCalls.size());
        }
    }

    private Replies() {}

    /**
     * The chat answer to {@code body}. A script with tool calls answers only a request that offers tools and ends
     * with the user's message; after the tools ran, the default reply quotes their results.
     */
    static Answer chatAnswer(List<ScriptedReply> scripts, String model, JsonNode body) {
        boolean lastIsUser =
                "user".equals(Prompts.lastMessage(body).path("role").asText());
        boolean offersTools =
                body.path("tools").isArray() && !body.path("tools").isEmpty();
        return answer(
                scripts, model, Prompts.lastUserText(body), lastIsUser, offersTools, () -> trailingToolResults(body));
    }

    /**
     * The answer to a Gemini {@code generateContent} request, by the chat answer's rules: tool calls only when it
     * declares functions and ends with the user's words; after function responses, the default reply quotes them.
     */
    static Answer geminiAnswer(List<ScriptedReply> scripts, String model, JsonNode body) {
        return answer(
                scripts,
                model,
                Prompts.geminiLastUserText(body),
                Prompts.geminiEndsWithUserText(body),
                Prompts.geminiOffersFunctions(body),
                () -> Prompts.geminiTrailingFunctionResponses(body));
    }

    private static Answer answer(
            List<ScriptedReply> scripts,
            String model,
            String lastUser,
            boolean lastIsUser,
            boolean offersTools,
            Supplier<String> toolResults) {
        for (ScriptedReply script : scripts) {
            if (!script.matches(model, lastUser)) {
                continue;
            }
            if (!script.toolCalls.isEmpty()) {
                if (offersTools && lastIsUser) {
                    return new Answer(script.text, script.toolCalls);
                }
                continue;
            }
            return new Answer(script.text, List.of());
        }
        if (!lastIsUser) {
            return new Answer("[simulated " + model + "] The tool answered: " + toolResults.get(), List.of());
        }
        return new Answer(defaultReply(model, lastUser), List.of());
    }

    static String defaultReply(String model, String prompt) {
        String echo = prompt.length() <= PROMPT_ECHO_CHARS ? prompt : prompt.substring(0, PROMPT_ECHO_CHARS) + "...";
        return "[simulated " + model + "] You said: \"" + echo + "\" (digest " + digest(prompt) + ")";
    }

    /** The results of the last round of tool calls, every one of them when several ran in parallel. */
    private static String trailingToolResults(JsonNode body) {
        JsonNode messages = body.path("messages");
        LinkedList<String> results = new LinkedList<>();
        for (int i = messages.size() - 1;
                i >= 0 && "tool".equals(messages.get(i).path("role").asText());
                i--) {
            results.addFirst(Prompts.contentText(messages.get(i).get("content")));
        }
        return results.isEmpty()
                ? Prompts.contentText(Prompts.lastMessage(body).get("content"))
                : String.join("; ", results);
    }

    private static String digest(String text) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(hash, 0, 4);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}

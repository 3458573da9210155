package one.aisa.langchain4j.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedList;
import java.util.List;

/** What the simulated model says: the first script that matches, or a default reply that echoes the prompt. */
final class Replies {

    private static final int PROMPT_ECHO_CHARS = 60;

    /** A chat answer: text, tool calls, or both. */
    record Answer(String text, List<ScriptedReply.ToolCall> toolCalls) {}

    private Replies() {}

    /**
     * The chat answer to {@code body}. A script with tool calls answers only a request that offers tools and ends
     * with the user's message; after the tools ran, the default reply quotes their results.
     */
    static Answer chatAnswer(List<ScriptedReply> scripts, String model, JsonNode body) {
        String lastUser = Prompts.lastUserText(body);
        boolean lastIsUser =
                "user".equals(Prompts.lastMessage(body).path("role").asText());
        boolean offersTools =
                body.path("tools").isArray() && !body.path("tools").isEmpty();
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
            return new Answer("[simulated " + model + "] The tool answered: " + trailingToolResults(body), List.of());
        }
        return new Answer(defaultReply(model, lastUser), List.of());
    }

    /** A text-only answer to {@code prompt}: the first text script that matches, or the default reply. */
    static String textReply(List<ScriptedReply> scripts, String model, String prompt) {
        for (ScriptedReply script : scripts) {
            if (script.toolCalls.isEmpty() && script.matches(model, prompt)) {
                return script.text;
            }
        }
        return defaultReply(model, prompt);
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

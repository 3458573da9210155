package one.aisa.langchain4j.samples.cli;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.cache.CachingChatModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "chat",
        mixinStandardHelpOptions = true,
        description = "Send a message to a model and print the answer.")
final class ChatCommand implements Runnable {

    @ParentCommand
    AisaCli cli;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-m", "--model"},
            defaultValue = "gpt-4o-mini",
            description = "Model id (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = {"-s", "--system"},
            description = "A system prompt.")
    String system;

    @Option(
            names = "--messages",
            paramLabel = "JSON",
            description = {
                "The whole conversation as a JSON array of {role, content}; roles: system, user, assistant. E.g.",
                "'[{\"role\":\"user\",\"content\":\"Hi\"}]'"
            })
    String messagesJson;

    @Option(
            names = "--format",
            defaultValue = "openai",
            paramLabel = "openai|gemini",
            description = {
                "The route: openai (the OpenAI-compatible chat/completions, every model; default) or gemini",
                "(Gemini's native generateContent: thinking, safety ratings, exact token details)."
            })
    String format;

    @Option(names = "--stream", description = "Print the answer as it is generated.")
    boolean stream;

    @Option(
            names = "--cache",
            description = {
                "Ask through a response cache, then ask again: the second answer comes from the cache, and",
                "stderr shows what it saved (the cache lives as long as the command)."
            })
    boolean cache;

    @Option(names = "--json", description = "Print the answer, model, tokens and cost as JSON.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "MESSAGE", description = "The message (words are joined).")
    List<String> words = new ArrayList<>();

    @Override
    public void run() {
        List<ChatMessage> messages = messages();
        model = Arguments.requireModel(spec, "-m", model);
        boolean gemini = gemini();
        Gateway gateway = cli.gateway();
        ChatResponse response;
        if (stream) {
            response = stream(
                    gemini
                            ? gateway.geminiStreamingChatModel(model).build()
                            : gateway.streamingChatModel(model).build(),
                    messages);
        } else {
            Spinner spinner = Spinner.start("asking " + model + "...", !json, cli.err());
            try {
                ChatModel chatModel = gemini
                        ? gateway.geminiChatModel(model).build()
                        : gateway.chatModel(model).build();
                if (cache) {
                    chatModel = CachingChatModel.builder().model(chatModel).build();
                    ChatResponse first = chatModel.chat(messages);
                    if (!json) {
                        cli.err().println(Format.costLine((AisaChatResponseMetadata) first.metadata()));
                    }
                }
                response = chatModel.chat(messages);
            } finally {
                spinner.close();
            }
            if (!json) {
                cli.out().println(response.aiMessage().text());
            }
        }
        report(response);
    }

    /** Whether --format asks for Gemini's native route; anything but openai or gemini names the choices. */
    private boolean gemini() {
        return switch (format.strip().toLowerCase(java.util.Locale.ROOT)) {
            case "openai" -> false;
            case "gemini" -> true;
            default ->
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--format must be openai or gemini, was '" + format + "': e.g. aisa chat --format gemini -m"
                                + " gemini-2.5-flash \"Hi\".");
        };
    }

    private ChatResponse stream(StreamingChatModel streamingModel, List<ChatMessage> messages) {
        CompletableFuture<ChatResponse> done = StreamedAnswer.start(streamingModel, messages, partialResponse -> {
            if (!json) {
                cli.out().print(partialResponse);
                cli.out().flush();
            }
        });
        try {
            ChatResponse response = done.get(5, TimeUnit.MINUTES);
            if (!json) {
                cli.out().println();
            }
            return response;
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (TimeoutException e) {
            throw new IllegalStateException("no complete answer within 5 minutes", e);
        }
    }

    private void report(ChatResponse response) {
        if (json) {
            cli.out().println(Format.answerJson(response).toPrettyString());
        } else {
            cli.err().println(Format.costLine((AisaChatResponseMetadata) response.metadata()));
        }
    }

    private List<ChatMessage> messages() {
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            if (system.isBlank()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "-s is empty: give a system prompt, or leave -s out.");
            }
            messages.add(SystemMessage.from(system));
        }
        if (messagesJson != null) {
            messages.addAll(parseMessages(messagesJson));
        }
        if (!words.isEmpty()) {
            String message = String.join(" ", words);
            if (message.isBlank()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "The message is empty: give some text to send, e.g. aisa chat \"Hi\".");
            }
            messages.add(UserMessage.from(message));
        }
        if (messages.stream().noneMatch(message -> message instanceof UserMessage)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "Nothing to send: give a MESSAGE, or a user message in --messages.");
        }
        return messages;
    }

    private List<ChatMessage> parseMessages(String text) {
        JsonNode array;
        try {
            array = AisaCli.json().readTree(text);
        } catch (JsonProcessingException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--messages is not valid JSON" + where(e));
        }
        if (array == null || !array.isArray() || array.isEmpty()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--messages must be a JSON array of messages, e.g. '[{\"role\":\"user\",\"content\":\"Hi\"}]'.");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int index = 0; index < array.size(); index++) {
            JsonNode message = array.get(index);
            String role = message.path("role").asText("");
            JsonNode contentNode = message.path("content");
            String content = contentNode.isTextual() ? contentNode.textValue() : "";
            if (content.isBlank()) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--messages: message " + (index + 1) + " has no content; give each message a non-empty"
                                + " \"content\" string.");
            }
            messages.add(
                    switch (role) {
                        case "system" -> SystemMessage.from(content);
                        case "user" -> UserMessage.from(content);
                        case "assistant" -> AiMessage.from(content);
                        default ->
                            throw new CommandLine.ParameterException(
                                    spec.commandLine(),
                                    "--messages: role must be system, user or assistant, was '" + role + "'.");
                    });
        }
        return messages;
    }

    /** Where the JSON broke and why, without the parser's internals (feature names, source redaction). */
    private static String where(JsonProcessingException e) {
        JsonLocation location = e.getLocation();
        String at = location == null ? "" : " at line " + location.getLineNr() + ", column " + location.getColumnNr();
        return at + ": " + Errors.oneLine(e.getOriginalMessage()) + ".";
    }
}

package one.aisa.langchain4j.samples.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import one.aisa.langchain4j.AisaChatResponseMetadata;
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
            description = "The whole conversation as JSON: [{\"role\":\"user\",\"content\":\"...\"}, ...].")
    String messagesJson;

    @Option(names = "--stream", description = "Print the answer as it is generated.")
    boolean stream;

    @Option(names = "--json", description = "Print the answer, model, tokens and cost as JSON.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "MESSAGE", description = "The message (words are joined).")
    List<String> words = new ArrayList<>();

    @Override
    public void run() {
        List<ChatMessage> messages = messages();
        Gateway gateway = cli.gateway(json);
        ChatResponse response;
        if (stream) {
            response = stream(gateway, messages);
        } else {
            Spinner spinner = Spinner.start("asking " + model + "...", !json, cli.err());
            try {
                response = gateway.chatModel(model).build().chat(messages);
            } finally {
                spinner.close();
            }
            if (!json) {
                cli.out().println(response.aiMessage().text());
            }
        }
        report(response);
    }

    private ChatResponse stream(Gateway gateway, List<ChatMessage> messages) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        gateway.streamingChatModel(model).build().chat(messages, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                if (!json) {
                    cli.out().print(partialResponse);
                    cli.out().flush();
                }
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
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
        AisaChatResponseMetadata metadata = (AisaChatResponseMetadata) response.metadata();
        if (json) {
            ObjectNode node = AisaCli.JSON
                    .createObjectNode()
                    .put("model", metadata.modelName())
                    .put("text", response.aiMessage().text())
                    .put("finish_reason", String.valueOf(metadata.finishReason()));
            if (metadata.tokenUsage() != null) {
                node.put("input_tokens", metadata.tokenUsage().inputTokenCount())
                        .put("output_tokens", metadata.tokenUsage().outputTokenCount());
            }
            node.put("cost_usd", metadata.cost());
            cli.out().println(AisaCli.JSON.valueToTree(node).toPrettyString());
        } else {
            cli.err().println(Format.costLine(metadata));
        }
    }

    private List<ChatMessage> messages() {
        List<ChatMessage> messages = new ArrayList<>();
        if (system != null) {
            messages.add(SystemMessage.from(system));
        }
        if (messagesJson != null) {
            messages.addAll(parseMessages(messagesJson));
        }
        if (!words.isEmpty()) {
            messages.add(UserMessage.from(String.join(" ", words)));
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
            array = AisaCli.JSON.readTree(text);
        } catch (Exception e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--messages is not valid JSON: " + e.getMessage());
        }
        if (!array.isArray()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--messages must be a JSON array of messages.");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (JsonNode message : array) {
            String role = message.path("role").asText("");
            String content = message.path("content").asText("");
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
}

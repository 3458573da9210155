package one.aisa.langchain4j.samples.cli;

import dev.langchain4j.data.message.ImageContent;
import dev.langchain4j.data.message.TextContent;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "vision",
        mixinStandardHelpOptions = true,
        description = "Ask a model about an image (URL or local file).")
final class VisionCommand implements Runnable {

    @ParentCommand
    AisaCli cli;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-m", "--model"},
            defaultValue = "gpt-4o-mini",
            description = "A vision model (default: ${DEFAULT-VALUE}).")
    String model;

    @Option(
            names = {"-i", "--image"},
            required = true,
            description = "An https:// URL or a local image file.")
    String image;

    @Option(names = "--json", description = "Print the answer as JSON.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "What to ask (default: describe the image).")
    List<String> words = List.of();

    @Override
    public void run() {
        ImageContent imageContent = imageContent();
        String prompt = words.isEmpty() ? "What is in this image?" : String.join(" ", words);
        Gateway gateway = cli.gateway(json);
        ChatResponse response;
        Spinner spinner = Spinner.start("looking with " + model + "...", !json, cli.err());
        try {
            response = gateway.chatModel(model).build().chat(UserMessage.from(TextContent.from(prompt), imageContent));
        } finally {
            spinner.close();
        }
        AisaChatResponseMetadata metadata = (AisaChatResponseMetadata) response.metadata();
        if (json) {
            cli.out()
                    .println(AisaCli.JSON
                            .createObjectNode()
                            .put("model", metadata.modelName())
                            .put("text", response.aiMessage().text())
                            .put("cost_usd", metadata.cost())
                            .toPrettyString());
        } else {
            cli.out().println(response.aiMessage().text());
            cli.err().println(Format.costLine(metadata));
        }
    }

    private ImageContent imageContent() {
        if (image.startsWith("https://") || image.startsWith("http://")) {
            return ImageContent.from(image);
        }
        Path file = Path.of(image);
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--image: no such file '" + image + "' (give an https:// URL or a file path).");
        }
        try {
            String data = Base64.getEncoder().encodeToString(Files.readAllBytes(file));
            return ImageContent.from(data, mimeType(file));
        } catch (IOException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--image: cannot read '" + image + "': " + e.getMessage());
        }
    }

    private String mimeType(Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "image/png";
        }
        if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            return "image/jpeg";
        }
        if (name.endsWith(".gif")) {
            return "image/gif";
        }
        if (name.endsWith(".webp")) {
            return "image/webp";
        }
        throw new CommandLine.ParameterException(
                spec.commandLine(), "--image: '" + image + "' is not a png, jpeg, gif or webp file.");
    }
}

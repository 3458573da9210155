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
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelCapability;
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

    @Option(names = "--json", description = "Print the answer, model, tokens and cost as JSON.")
    boolean json;

    @Parameters(arity = "0..*", paramLabel = "PROMPT", description = "What to ask (default: describe the image).")
    List<String> words = List.of();

    @Override
    public void run() {
        model = Arguments.requireModel(spec, "-m", model);
        requireVision();
        ImageContent imageContent = imageContent();
        String prompt = words.isEmpty() ? "What is in this image?" : String.join(" ", words);
        if (prompt.isBlank()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "The question is empty: give some text, or leave PROMPT out to describe the image.");
        }
        Gateway gateway = cli.gateway();
        ChatResponse response;
        Spinner spinner = Spinner.start("looking with " + model + "...", !json, cli.err());
        try {
            response = gateway.chatModel(model).build().chat(UserMessage.from(TextContent.from(prompt), imageContent));
        } finally {
            spinner.close();
        }
        if (json) {
            cli.out().println(Format.answerJson(response).toPrettyString());
        } else {
            cli.out().println(response.aiMessage().text());
            cli.err().println(Format.costLine((AisaChatResponseMetadata) response.metadata()));
        }
    }

    /** A model the catalog knows without vision is refused here, before a billed call fails or ignores the image. */
    private void requireVision() {
        AisaModelCatalog.builtIn().find(model).ifPresent(info -> {
            if (!info.capabilities().contains(ModelCapability.VISION)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "-m " + model + " does not take images (" + Format.capabilities(info.capabilities())
                                + "): pick a vision model, e.g. gpt-4o-mini ('aisa models' shows capabilities).");
            }
        });
    }

    private ImageContent imageContent() {
        if (image.startsWith("https://") || image.startsWith("http://")) {
            return ImageContent.from(image);
        }
        Path file = Path.of(image);
        if (Files.isDirectory(file)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--image: '" + image + "' is a directory; give an image file or an https:// URL.");
        }
        if (!Files.isRegularFile(file)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--image: no such file '" + image + "' (give an https:// URL or a file path).");
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--image: cannot read '" + image + "': " + Errors.oneLine(String.valueOf(e.getMessage())));
        }
        String mimeType = ImageType.of(bytes)
                .orElseThrow(() -> new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--image: '" + image
                                + "' is not a png, jpeg, gif or webp image (judged by its content, not its name)."));
        return ImageContent.from(Base64.getEncoder().encodeToString(bytes), mimeType);
    }
}

package one.aisa.langchain4j.samples.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code aisa}: the AIsa gateway from the command line, the same commands as the gateway's own Python client.
 * Talks to the real gateway when {@code AISA_API_KEY} is set, to the built-in simulator otherwise.
 */
@Command(
        name = "aisa",
        mixinStandardHelpOptions = true,
        version = "aisa-langchain4j 0.1.0-SNAPSHOT",
        description = "Chat with many LLMs through the AIsa gateway (offline simulator when AISA_API_KEY is unset).",
        subcommands = {
            ChatCommand.class,
            VisionCommand.class,
            ModelsCommand.class,
            CompareCommand.class,
            DemoCommand.class,
            CommandLine.HelpCommand.class
        })
public final class AisaCli implements Runnable, AutoCloseable {

    static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;

    @Option(
            names = "--base-url",
            description = "The gateway's API root (default: $AISA_BASE_URL or https://api.aisa.one/v1).")
    String baseUrl;

    private final Map<String, String> environment;
    private final PrintStream out;
    private final PrintStream err;
    private Gateway gateway;

    AisaCli(Map<String, String> environment, PrintStream out, PrintStream err) {
        this.environment = environment;
        this.out = out;
        this.err = err;
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv(), System.out, System.err));
    }

    /** Runs one command line and returns the exit code: 0 done, 1 the call failed, 2 bad arguments. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        try (AisaCli cli = new AisaCli(environment, out, err)) {
            CommandLine commandLine = new CommandLine(cli)
                    .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                    .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                    .setExecutionExceptionHandler((failure, command, parseResult) -> {
                        err.println("Error: " + failure.getMessage());
                        return 1;
                    });
            return commandLine.execute(args);
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(
                spec.commandLine(), "Missing command: try 'aisa demo' or 'aisa --help'.");
    }

    /** Opens the gateway on first use; the offline notice goes to {@code notices}. */
    Gateway gateway(boolean json) {
        if (gateway == null) {
            String url = baseUrl != null ? baseUrl : environment.get("AISA_BASE_URL");
            gateway = Gateway.open(environment.get("AISA_API_KEY"), url, json ? err : out);
        }
        return gateway;
    }

    PrintStream out() {
        return out;
    }

    PrintStream err() {
        return err;
    }

    @Override
    public void close() {
        if (gateway != null) {
            gateway.close();
        }
    }
}

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
 *
 * <p>Output contract: answers and tables (or JSON with {@code --json}) on stdout; notices, costs and errors on
 * stderr, one line per error, no stack traces. Exit codes: 0 done, 1 the call failed, 2 bad arguments.
 */
@Command(
        name = "aisa",
        mixinStandardHelpOptions = true,
        versionProvider = AisaCli.Version.class,
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

    /** The version Maven wrote into {@code aisa-cli.properties} when it built the CLI. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties properties = new java.util.Properties();
            try (java.io.InputStream in = AisaCli.class.getResourceAsStream("/aisa-cli.properties")) {
                if (in != null) {
                    properties.load(in);
                }
            }
            return new String[] {"aisa-langchain4j " + properties.getProperty("version", "(unknown version)")};
        }
    }

    @Spec
    CommandSpec spec;

    @Option(
            names = "--base-url",
            description = "The gateway's API root (default: $AISA_BASE_URL or https://api.aisa.one/v1). "
                    + "Needs AISA_API_KEY; without a key the simulator answers.")
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
        int exitCode = run(args, System.getenv(), System.out, System.err);
        HttpSelectorThreads.stop();
        System.exit(exitCode);
    }

    /** Runs one command line and returns the exit code: 0 done, 1 the call failed, 2 bad arguments. */
    static int run(String[] args, Map<String, String> environment, PrintStream out, PrintStream err) {
        try (AisaCli cli = new AisaCli(environment, out, err)) {
            CommandLine commandLine = new CommandLine(cli)
                    .setOut(new PrintWriter(out, true, StandardCharsets.UTF_8))
                    .setErr(new PrintWriter(err, true, StandardCharsets.UTF_8))
                    .setParameterExceptionHandler(AisaCli::usageError)
                    .setExecutionExceptionHandler((failure, command, parseResult) -> {
                        err.println("Error: " + Errors.describe(failure));
                        return 1;
                    });
            return commandLine.execute(args);
        }
    }

    /** One line that names the problem and where the help is, instead of the whole usage text. */
    private static int usageError(CommandLine.ParameterException problem, String[] args) {
        CommandLine command = problem.getCommandLine();
        String suggestion = "";
        if (problem instanceof CommandLine.UnmatchedArgumentException unmatched
                && !unmatched.getSuggestions().isEmpty()) {
            suggestion = "; did you mean " + String.join(" or ", unmatched.getSuggestions()) + "?";
        }
        command.getErr()
                .println("Error: " + Errors.oneLine(problem.getMessage()) + suggestion + " (see '"
                        + command.getCommandSpec().qualifiedName() + " --help')");
        return 2;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "Missing command: try 'aisa demo'.");
    }

    /** Opens the gateway on first use; its notice goes to stderr, whatever the output format. */
    Gateway gateway() {
        if (gateway == null) {
            gateway = Gateway.open(environment.get("AISA_API_KEY"), baseUrl, environment.get("AISA_BASE_URL"), err);
        }
        return gateway;
    }

    /** The CLI's JSON writer, made on first use: commands that print no JSON do not pay for it. */
    static ObjectMapper json() {
        return JsonHolder.JSON;
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

    private static final class JsonHolder {
        static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }
}

package one.aisa.langchain4j.samples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.langchain4j.model.chat.ChatModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import one.aisa.langchain4j.ModelComparison;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = {
            "Ask several models the same question in parallel: answer, latency, tokens and cost per model.",
            "Exits with 1 when every model failed."
        })
final class CompareCommand implements Callable<Integer> {

    @ParentCommand
    AisaCli cli;

    @Spec
    CommandLine.Model.CommandSpec spec;

    @Option(
            names = {"-m", "--models"},
            split = ",",
            defaultValue = "gpt-4o-mini,claude-haiku-4-5,gemini-2.5-flash,deepseek-v3.1",
            description = "Comma-separated model ids (default: ${DEFAULT-VALUE}).")
    List<String> models;

    @Option(names = "--json", description = "Print the results as JSON.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "QUESTION", description = "The question for every model.")
    List<String> words;

    @Override
    public Integer call() {
        String question = String.join(" ", words);
        if (question.isBlank()) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "The question is empty: give some text to ask every model.");
        }
        List<String> modelIds = models.stream()
                .map(model -> Arguments.requireModel(spec, "-m", model))
                .distinct()
                .toList();
        Gateway gateway = cli.gateway();
        Map<String, ChatModel> labelled = new LinkedHashMap<>();
        for (String model : modelIds) {
            labelled.put(model, gateway.chatModel(model).maxRetries(0).build());
        }
        List<ModelComparison.Result> results;
        Spinner spinner = Spinner.start("asking " + labelled.size() + " models...", !json, cli.err());
        try {
            results = ModelComparison.of(labelled).compare(question);
        } finally {
            spinner.close();
        }
        if (json) {
            cli.out().println(json(results).toPrettyString());
        } else {
            cli.out().print(table(results));
        }
        long failed = results.stream().filter(result -> !result.succeeded()).count();
        if (failed == results.size()) {
            cli.err()
                    .println("Error: every model failed (" + failed + " of " + results.size()
                            + "); the causes are above.");
            return 1;
        }
        return 0;
    }

    /** Answers and errors in full, wrapped: a comparison is about the text, so none of it is cut off. */
    static Table table(List<ModelComparison.Result> results) {
        Table table = new Table("MODEL", "LATENCY", "TOKENS IN/OUT", "COST", "ANSWER");
        for (ModelComparison.Result result : results) {
            table.row(
                    result.label(),
                    result.latency().toMillis() + " ms",
                    result.tokenUsage() == null
                            ? null
                            : result.tokenUsage().inputTokenCount() + "/"
                                    + result.tokenUsage().outputTokenCount(),
                    Format.usd(result.cost()),
                    answer(result));
        }
        return table;
    }

    static String answer(ModelComparison.Result result) {
        return Format.wrap(
                result.succeeded() ? result.text() : "ERROR: " + Errors.describe(result.error()), Format.TEXT_WIDTH);
    }

    private static ArrayNode json(List<ModelComparison.Result> results) {
        ArrayNode array = AisaCli.json().createArrayNode();
        for (ModelComparison.Result result : results) {
            var node = array.addObject()
                    .put("model", result.label())
                    .put("ok", result.succeeded())
                    .put("latency_ms", result.latency().toMillis());
            if (result.succeeded()) {
                node.put("text", result.text());
                if (result.tokenUsage() != null) {
                    node.put("input_tokens", result.tokenUsage().inputTokenCount())
                            .put("output_tokens", result.tokenUsage().outputTokenCount());
                }
                node.put("cost_usd", result.cost());
            } else {
                node.put("error", Errors.describe(result.error()));
            }
        }
        return array;
    }
}

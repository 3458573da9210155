package one.aisa.langchain4j.samples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.model.chat.ChatModel;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import one.aisa.langchain4j.ModelComparison;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        description = "Ask several models the same question in parallel: answer, latency, tokens and cost per model.")
final class CompareCommand implements Runnable {

    @ParentCommand
    AisaCli cli;

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
    public void run() {
        Gateway gateway = cli.gateway(json);
        Map<String, ChatModel> labelled = new LinkedHashMap<>();
        for (String model : models) {
            labelled.put(
                    model.strip(),
                    gateway.chatModel(model.strip()).maxRetries(0).build());
        }
        List<ModelComparison.Result> results;
        Spinner spinner = Spinner.start("asking " + labelled.size() + " models...", !json, cli.err());
        try {
            results = ModelComparison.of(labelled).compare(String.join(" ", words));
        } finally {
            spinner.close();
        }
        if (json) {
            ArrayNode array = AisaCli.JSON.createArrayNode();
            for (ModelComparison.Result result : results) {
                ObjectNode node = array.addObject()
                        .put("model", result.label())
                        .put("ok", result.succeeded())
                        .put("latency_ms", result.latency().toMillis());
                if (result.succeeded()) {
                    node.put("text", result.text()).put("cost_usd", result.cost());
                    if (result.tokenUsage() != null) {
                        node.put("input_tokens", result.tokenUsage().inputTokenCount())
                                .put("output_tokens", result.tokenUsage().outputTokenCount());
                    }
                } else {
                    node.put("error", result.error().getMessage());
                }
            }
            cli.out().println(array.toPrettyString());
            return;
        }
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
                    result.succeeded()
                            ? Format.shorten(result.text(), 60)
                            : "ERROR " + Format.shorten(result.error().getMessage(), 54));
        }
        cli.out().print(table);
    }
}

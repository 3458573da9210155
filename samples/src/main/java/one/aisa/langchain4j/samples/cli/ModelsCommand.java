package one.aisa.langchain4j.samples.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import java.util.Optional;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

@Command(
        name = "models",
        mixinStandardHelpOptions = true,
        description = "List the models the gateway serves, with catalog prices where known.")
final class ModelsCommand implements Runnable {

    @ParentCommand
    AisaCli cli;

    @Option(names = "--json", description = "Print the list as JSON.")
    boolean json;

    @Override
    public void run() {
        Gateway gateway = cli.gateway();
        List<String> ids;
        Spinner spinner = Spinner.start("listing models...", !json, cli.err());
        try {
            ids = gateway.client().modelIds();
        } finally {
            spinner.close();
        }
        AisaModelCatalog catalog = AisaModelCatalog.builtIn();
        if (json) {
            ArrayNode array = AisaCli.json().createArrayNode();
            for (String id : ids) {
                Optional<ModelInfo> info = catalog.find(id);
                var node = array.addObject().put("id", id);
                node.put("in_catalog", info.isPresent());
                info.ifPresent(model -> {
                    node.put("family", model.family())
                            .put("context_window", model.contextWindow())
                            .put("input_usd_per_1m", model.inputPricePerMillion())
                            .put("output_usd_per_1m", model.outputPricePerMillion());
                    ArrayNode capabilities = node.putArray("capabilities");
                    Format.capabilityNames(model.capabilities()).forEach(capabilities::add);
                });
            }
            cli.out().println(array.toPrettyString());
            return;
        }
        Table table = new Table("MODEL", "FAMILY", "CONTEXT", "IN $/1M", "OUT $/1M", "CAPABILITIES");
        for (String id : ids) {
            Optional<ModelInfo> info = catalog.find(id);
            table.row(
                    id,
                    info.map(ModelInfo::family).orElse(null),
                    info.map(ModelInfo::contextWindow).orElse(null),
                    info.map(ModelInfo::inputPricePerMillion).orElse(null),
                    info.map(ModelInfo::outputPricePerMillion).orElse(null),
                    info.map(model -> Format.capabilities(model.capabilities())).orElse("not in catalog"));
        }
        cli.out().print(table);
        cli.out()
                .println(ids.size() + " models; prices are list prices of " + AisaModelCatalog.BUILT_IN_PRICED_ON
                        + ", the gateway's usage.cost is authoritative.");
    }
}

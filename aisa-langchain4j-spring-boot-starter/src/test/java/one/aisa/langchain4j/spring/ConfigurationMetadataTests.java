package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.routing.TaskType;
import org.junit.jupiter.api.Test;

/** The configuration processor turns the records' javadoc and defaults into IDE metadata. */
class ConfigurationMetadataTests {

    private static Map<String, JsonNode> read(String section) throws IOException {
        Map<String, JsonNode> entries = new HashMap<>();
        try (InputStream in =
                ConfigurationMetadataTests.class.getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            new ObjectMapper()
                    .readTree(in)
                    .path(section)
                    .forEach(p -> entries.put(p.get("name").asText(), p));
        }
        return entries;
    }

    private static List<String> values(JsonNode hint) {
        List<String> values = new ArrayList<>();
        hint.path("values").forEach(value -> values.add(value.get("value").asText()));
        return values;
    }

    @Test
    void everyPropertyHasADescriptionAndTheDefaultsAreListed() throws IOException {
        Map<String, JsonNode> properties = read("properties");
        assertThat(properties.get("aisa.api-key").path("description").asText()).contains("AISA_API_KEY");
        assertThat(properties.get("aisa.routing.fallbacks").path("description").asText())
                .contains("tried in order");
        assertThat(properties.values())
                .allSatisfy(p -> assertThat(p.path("description").asText())
                        .as(p.get("name").asText())
                        .isNotBlank());
        assertThat(properties.get("aisa.chat.model").path("defaultValue").asText())
                .isEqualTo("gpt-4o-mini");
        assertThat(properties.get("aisa.timeout").path("defaultValue").asText()).isEqualTo("60s");
        assertThat(properties)
                .containsKeys(
                        "aisa.routing.strategy",
                        "aisa.routing.tiered.premium-share",
                        "aisa.routing.quality-target",
                        "aisa.catalog.models",
                        "aisa.routing.weights",
                        "aisa.routing.task-rules",
                        "aisa.retry.initial-backoff",
                        "aisa.budget.limit",
                        "aisa.budget.action",
                        "aisa.catalog.models");
        assertThat(properties.get("aisa.budget.window").path("defaultValue").asText())
                .isEqualTo("1d");
        assertThat(properties
                        .get("aisa.routing.quality-target")
                        .path("defaultValue")
                        .asDouble())
                .isEqualTo(0.95);
    }

    @Test
    void idesOfferTheStrategiesTheBudgetActionsAndTheCatalogsModelIds() throws IOException {
        Map<String, JsonNode> hints = read("hints");
        assertThat(values(hints.get("aisa.routing.strategy"))).containsExactlyElementsOf(AisaProperties.STRATEGIES);
        assertThat(values(hints.get("aisa.budget.action"))).containsExactlyElementsOf(AisaProperties.BUDGET_ACTIONS);
        assertThat(values(hints.get("aisa.routing.task-rules.keys")))
                .containsExactlyElementsOf(Arrays.stream(TaskType.values())
                        .map(task -> task.name().toLowerCase(Locale.ROOT))
                        .toList());
        List<String> builtIn =
                AisaModelCatalog.builtIn().models().stream().map(ModelInfo::id).toList();
        for (String property : List.of("aisa.chat.model", "aisa.routing.fallbacks", "aisa.routing.weights.keys")) {
            assertThat(values(hints.get(property))).as(property).containsExactlyElementsOf(builtIn);
            assertThat(hints.get(property).path("providers").get(0).get("name").asText())
                    .as(property + " takes ids beyond the catalog")
                    .isEqualTo("any");
        }
    }
}

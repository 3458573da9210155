package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The configuration processor turns the records' javadoc and defaults into IDE metadata. */
class ConfigurationMetadataTests {

    @Test
    void everyPropertyHasADescriptionAndTheDefaultsAreListed() throws IOException {
        Map<String, JsonNode> properties = new HashMap<>();
        try (InputStream in = getClass().getResourceAsStream("/META-INF/spring-configuration-metadata.json")) {
            assertThat(in).as("generated metadata").isNotNull();
            new ObjectMapper()
                    .readTree(in)
                    .get("properties")
                    .forEach(p -> properties.put(p.get("name").asText(), p));
        }
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
    }
}

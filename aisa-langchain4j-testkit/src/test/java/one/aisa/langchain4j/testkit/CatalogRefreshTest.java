package one.aisa.langchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import one.aisa.langchain4j.AisaGatewayClient;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelInfo;
import org.junit.jupiter.api.Test;

/** The catalog refreshed from the gateway's GET /v1/models, served by the simulator. */
@AisaSimulatorTest
class CatalogRefreshTest {

    @Test
    void keeps_served_models_and_reports_unknown_and_retired_ones(AisaSimulator simulator) {
        simulator.addModel(new ModelInfo(
                "brand-new-model",
                "new",
                "someone",
                Set.of(),
                32_000,
                BigDecimal.ONE,
                BigDecimal.TEN,
                LocalDate.now()));
        AisaModelCatalog smaller = AisaModelCatalog.of(AisaModelCatalog.builtIn().models().stream()
                .filter(model -> !model.id().equals("kimi-k2.5"))
                .toList());
        AisaModelCatalog local = smaller.with(new ModelInfo(
                "retired-model", "old", "someone", Set.of(), 8_000, BigDecimal.ONE, BigDecimal.ONE, LocalDate.now()));
        AisaGatewayClient gateway = AisaGatewayClient.builder()
                .apiKey(AisaSimulator.API_KEY)
                .baseUrl(simulator.baseUrl())
                .build();

        AisaModelCatalog.CatalogRefresh refresh = local.refresh(gateway.modelIds());

        assertThat(refresh.unknownIds()).containsExactlyInAnyOrder("brand-new-model", "kimi-k2.5");
        assertThat(refresh.notServedIds()).containsExactly("retired-model");
        assertThat(refresh.catalog().find("gpt-4o-mini")).isPresent();
        assertThat(refresh.catalog().find("brand-new-model")).isEmpty();
        assertThat(refresh.catalog().find("retired-model")).isEmpty();
    }
}

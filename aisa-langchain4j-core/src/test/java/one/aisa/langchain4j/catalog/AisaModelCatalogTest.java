package one.aisa.langchain4j.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class AisaModelCatalogTest {

    private final AisaModelCatalog catalog = AisaModelCatalog.builtIn();

    @ParameterizedTest
    @CsvSource({
        "gpt-4o-mini, gpt-4o-mini",
        "openai/gpt-4o-mini, gpt-4o-mini",
        "gpt-4o-mini-2024-07-18, gpt-4o-mini",
        "gpt-4o-2024-08-06, gpt-4o",
        "gpt-4o-latest, gpt-4o",
        "qwen-plus-2025-12-01, qwen-plus-2025-12-01",
        "anthropic/claude-sonnet-4-5, claude-sonnet-4-5"
    })
    void finds_models_by_id_ignoring_provider_prefixes_and_snapshot_dates(String id, String expected) {
        assertThat(catalog.find(id)).map(ModelInfo::id).contains(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"gpt-4.1-nano", "gpt-4o-mini-tts", "gpt-9", "", "claude"})
    void never_guesses_a_price_for_a_different_model(String id) {
        assertThat(catalog.find(id)).isEmpty();
    }

    @Test
    void an_unknown_model_is_reported_with_the_fix() {
        assertThatThrownBy(() -> catalog.require("gpt-9"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Unknown model 'gpt-9'")
                .hasMessageContaining("GET /v1/models")
                .hasMessageContaining("AisaModelCatalog.with");
    }

    @Test
    void prices_a_call_exactly() {
        ModelInfo mini = catalog.require("gpt-4o-mini");

        // 1,000 input tokens at 0.15 $/1M + 500 output tokens at 0.60 $/1M
        assertThat(mini.priceOf(1_000, 500)).isEqualByComparingTo(new BigDecimal("0.00045"));
        assertThat(mini.priceOf(0, 0)).isEqualByComparingTo(BigDecimal.ZERO);
    }

    @Test
    void overrides_replace_or_add_models_without_changing_the_original() {
        ModelInfo cheaper = new ModelInfo(
                "gpt-4o-mini",
                "gpt",
                "openai",
                Set.of(ModelCapability.TOOLS),
                128_000,
                new BigDecimal("0.10"),
                new BigDecimal("0.40"),
                LocalDate.of(2026, 11, 1));
        ModelInfo custom = new ModelInfo(
                "my-model", "custom", "me", Set.of(), 8_192, BigDecimal.ONE, BigDecimal.ONE, LocalDate.of(2026, 11, 1));

        AisaModelCatalog overridden = catalog.with(cheaper, custom);

        assertThat(overridden.require("gpt-4o-mini").inputPricePerMillion()).isEqualByComparingTo("0.10");
        assertThat(overridden.require("my-model").family()).isEqualTo("custom");
        assertThat(catalog.require("gpt-4o-mini").inputPricePerMillion()).isEqualByComparingTo("0.15");
        assertThat(catalog.find("my-model")).isEmpty();
    }

    @Test
    void every_built_in_model_is_dated_and_priced() {
        assertThat(catalog.models()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(catalog.models()).allSatisfy(model -> {
            assertThat(model.pricedOn()).isEqualTo(AisaModelCatalog.BUILT_IN_PRICED_ON);
            assertThat(model.inputPricePerMillion()).isPositive();
            assertThat(model.outputPricePerMillion()).isPositive();
            assertThat(model.contextWindow()).isPositive();
        });
        assertThat(catalog.models().stream().map(ModelInfo::family))
                .contains("gpt", "claude", "gemini", "qwen", "deepseek", "grok");
    }

    @Test
    void invalid_model_info_is_refused() {
        assertThatThrownBy(() ->
                        new ModelInfo(" ", "f", "p", Set.of(), 1, BigDecimal.ONE, BigDecimal.ONE, LocalDate.now()))
                .hasMessageContaining("blank");
        assertThatThrownBy(() ->
                        new ModelInfo("m", "f", "p", Set.of(), 0, BigDecimal.ONE, BigDecimal.ONE, LocalDate.now()))
                .hasMessageContaining("contextWindow of m");
        assertThatThrownBy(() -> new ModelInfo(
                        "m", "f", "p", Set.of(), 1, new BigDecimal("-1"), BigDecimal.ONE, LocalDate.now()))
                .hasMessageContaining("inputPricePerMillion of m must not be negative");
    }

    @Test
    void every_built_in_model_on_the_leaderboard_has_a_dated_quality_index_with_its_source() {
        for (ModelInfo model : AisaModelCatalog.builtIn().models()) {
            if (Set.of("qwen-plus-2025-12-01", "qwen-mt-flash").contains(model.id())) {
                assertThat(model.quality())
                        .as(model.id() + " is not on the board")
                        .isNull();
                continue;
            }
            assertThat(model.quality()).as(model.id()).isNotNull();
            assertThat(model.quality().value()).as(model.id()).isBetween(0.0, 100.0);
            assertThat(model.quality().source()).contains("LMArena");
            assertThat(model.quality().readOn()).isEqualTo(LocalDate.of(2026, 7, 30));
        }
        // the mapping (s - 1000) / 5: claude-sonnet-4-5 scored 1455, gpt-4o-mini 1318
        assertThat(AisaModelCatalog.builtIn()
                        .require("claude-sonnet-4-5")
                        .quality()
                        .value())
                .isEqualTo(91.0);
        assertThat(AisaModelCatalog.builtIn().require("gpt-4o-mini").quality().value())
                .isEqualTo(63.6);
    }

    @Test
    void a_quality_index_is_set_in_code_and_must_be_between_0_and_100() {
        ModelInfo mine = AisaModelCatalog.builtIn()
                .require("qwen-plus-2025-12-01")
                .withQuality(new QualityIndex(70, "our own eval", null));

        assertThat(AisaModelCatalog.builtIn()
                        .with(mine)
                        .require("qwen-plus-2025-12-01")
                        .quality()
                        .value())
                .isEqualTo(70.0);
        assertThatThrownBy(() -> new QualityIndex(101, "x", null)).hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> new QualityIndex(Double.NaN, "x", null)).hasMessageContaining("between 0 and 100");
        assertThat(QualityIndex.fromArenaScore(900).value()).isZero();
        assertThat(QualityIndex.fromArenaScore(1600).value()).isEqualTo(100.0);
    }
}

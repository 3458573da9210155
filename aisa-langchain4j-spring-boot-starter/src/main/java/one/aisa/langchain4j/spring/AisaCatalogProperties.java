package one.aisa.langchain4j.spring;

import static one.aisa.langchain4j.spring.AisaConfigurationErrors.property;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import one.aisa.langchain4j.catalog.AisaModelCatalog;
import one.aisa.langchain4j.catalog.ModelCapability;
import one.aisa.langchain4j.catalog.ModelInfo;
import one.aisa.langchain4j.catalog.QualityIndex;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Additions and corrections to the built-in model catalog (prices dated 2026-02-01), which cost-aware routing,
 * budgets and cost estimates use. {@code ModelInfo} and {@code QualityIndex} check the values.
 *
 * @param models Models to add, or to correct when the id is built in (unset fields keep the built-in values).
 */
public record AisaCatalogProperties(@DefaultValue List<Model> models) {

    private static final String PREFIX = AisaProperties.PREFIX + ".catalog.models";

    public AisaCatalogProperties {
        models = models == null ? List.of() : List.copyOf(models);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < models.size(); i++) {
            String id = models.get(i).id();
            String property = PREFIX + "[" + i + "].id";
            if (id == null || id.isBlank()) {
                throw new AisaConfigurationException(
                        property, "is not set", "Give each catalog entry the model id the gateway takes.");
            }
            if (!seen.add(id)) {
                throw new AisaConfigurationException(
                        property, "is '" + id + "', listed twice", "Describe each model once.");
            }
            models.get(i).toModelInfo(PREFIX + "[" + i + "]");
        }
    }

    /** The entries as catalog models, to lay over the built-in catalog. */
    public List<ModelInfo> modelInfos() {
        return IntStream.range(0, models.size())
                .mapToObj(i -> models.get(i).toModelInfo(PREFIX + "[" + i + "]"))
                .toList();
    }

    /**
     * One model of the catalog.
     *
     * @param id The model id as the gateway takes it.
     * @param family The model family, e.g. gpt, claude, gemini, qwen, deepseek, grok.
     * @param provider Who runs the model, e.g. openai, anthropic.
     * @param capabilities What the model can do: vision, tools, json-schema, reasoning.
     * @param contextWindow Input plus output tokens the model can hold; required for a model not built in.
     * @param inputPricePerMillion USD per 1M input tokens; required for a model not built in.
     * @param outputPricePerMillion USD per 1M output tokens; required for a model not built in.
     * @param pricedOn The date the prices were read, e.g. 2026-11-01.
     * @param qualityIndex The model's general quality, 0 to 100, from a public leaderboard (the built-in models carry
     *     LMArena text scores mapped as (score - 1000) / 5); quality-aware routing never assumes a model without one
     *     is good.
     * @param qualitySource Where the quality index comes from, e.g. "LMArena text, 2026-11-01" (default: this
     *     property).
     */
    public record Model(
            String id,
            String family,
            String provider,
            Set<ModelCapability> capabilities,
            Integer contextWindow,
            BigDecimal inputPricePerMillion,
            BigDecimal outputPricePerMillion,
            LocalDate pricedOn,
            Double qualityIndex,
            String qualitySource) {

        /**
         * This entry as a catalog model: an id the built-in catalog knows keeps its values where this leaves them
         * unset; a new id needs its context window and prices. A value the catalog rejects fails, naming the
         * property under {@code prefix}.
         */
        public ModelInfo toModelInfo(String prefix) {
            ModelInfo builtIn = AisaModelCatalog.builtIn().models().stream()
                    .filter(model -> model.id().equals(id))
                    .findFirst()
                    .orElse(null);
            if (builtIn == null) {
                requireSet(contextWindow, prefix + ".context-window", "e.g. 128000");
                requireSet(inputPricePerMillion, prefix + ".input-price-per-million", "in USD, e.g. 0.15");
                requireSet(outputPricePerMillion, prefix + ".output-price-per-million", "in USD, e.g. 0.60");
            }
            QualityIndex quality = qualityIndex == null
                    ? builtIn != null ? builtIn.quality() : null
                    : AisaConfigurationErrors.build(
                            () -> new QualityIndex(
                                    qualityIndex,
                                    qualitySource != null ? qualitySource : prefix + ".quality-index",
                                    null),
                            property("qualityIndex", prefix + ".quality-index"));
            return AisaConfigurationErrors.build(
                    () -> new ModelInfo(
                            id,
                            family != null ? family : builtIn != null ? builtIn.family() : "unknown",
                            provider != null ? provider : builtIn != null ? builtIn.provider() : "unknown",
                            capabilities != null ? capabilities : builtIn != null ? builtIn.capabilities() : Set.of(),
                            contextWindow != null ? contextWindow : builtIn.contextWindow(),
                            inputPricePerMillion != null ? inputPricePerMillion : builtIn.inputPricePerMillion(),
                            outputPricePerMillion != null ? outputPricePerMillion : builtIn.outputPricePerMillion(),
                            pricedOn != null ? pricedOn : builtIn != null ? builtIn.pricedOn() : null,
                            quality),
                    property("contextWindow", prefix + ".context-window"),
                    property("inputPricePerMillion", prefix + ".input-price-per-million"),
                    property("outputPricePerMillion", prefix + ".output-price-per-million"));
        }

        // a merge of ours: the core cannot tell an override of a built-in model from a new one
        private static void requireSet(Object value, String property, String example) {
            if (value == null) {
                throw new AisaConfigurationException(
                        property,
                        "is not set, and the built-in catalog does not know the model",
                        "Set it (" + example + "), or correct the id if you meant a built-in model.");
            }
        }
    }
}

package one.aisa.langchain4j.spring;

import static one.aisa.langchain4j.spring.AisaConfigurationErrors.property;

import java.util.List;
import one.aisa.langchain4j.routing.RoutingStrategies;
import one.aisa.langchain4j.routing.TieredStrategy;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The tiered strategy: cheap models for easy requests, premium ones for hard requests, with one number, the share
 * of calls that go premium (the threshold on the difficulty score is calibrated to it).
 *
 * @param cheapModels Models for easy requests, best first.
 * @param premiumModels Models for hard requests, best first.
 * @param premiumShare The share of calls, between 0 and 1, that should go to the premium models.
 */
public record AisaTieredProperties(
        @DefaultValue List<String> cheapModels,
        @DefaultValue List<String> premiumModels,
        @DefaultValue("0.2") double premiumShare) {

    private static final String PREFIX = AisaProperties.PREFIX + ".routing.tiered";

    public AisaTieredProperties {
        cheapModels = AisaRoutingProperties.modelIds(cheapModels, PREFIX + ".cheap-models");
        premiumModels = AisaRoutingProperties.modelIds(premiumModels, PREFIX + ".premium-models");
        // the core checks the share only with both tiers, and they may be set later than the share
        if (!(premiumShare >= 0 && premiumShare <= 1)) {
            throw new AisaConfigurationException(
                    PREFIX + ".premium-share",
                    "is " + premiumShare + ", outside [0, 1]",
                    "Set the share of calls for the premium models, e.g. 0.2 for one call in five.");
        }
    }

    /** The tiered strategy over these models; a new one per router, as it learns from the calls it routes. */
    TieredStrategy strategy() {
        return AisaConfigurationErrors.build(
                () -> RoutingStrategies.tiered(cheapModels, premiumModels, premiumShare),
                property("premiumShare", PREFIX + ".premium-share"));
    }

    /** Fails naming the empty tier: the tiered strategy needs a model in each. */
    void requireBothTiers() {
        if (cheapModels.isEmpty() || premiumModels.isEmpty()) {
            throw new AisaConfigurationException(
                    PREFIX + "." + (cheapModels.isEmpty() ? "cheap-models" : "premium-models"),
                    "is empty, but the tiered strategy needs at least one cheap and one premium model",
                    "Set aisa.routing.tiered.cheap-models and aisa.routing.tiered.premium-models, e.g. gpt-4o-mini"
                            + " and gpt-4o.");
        }
    }
}

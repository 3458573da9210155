package one.aisa.langchain4j.spring;

import static one.aisa.langchain4j.spring.AisaConfigurationErrors.property;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import one.aisa.langchain4j.AisaModelBuilder;
import one.aisa.langchain4j.RetryPolicy;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.NestedConfigurationProperty;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code aisa.*} properties, one record per concern. Unset values are null where the core has a default, and the
 * core builders check the values as they bind: a value the core rejects fails the startup with an
 * {@link AisaConfigurationException} that names the property and the fix.
 *
 * <p>The key may come from the environment: Spring's relaxed binding maps the environment variable
 * {@code AISA_API_KEY} to {@code aisa.api-key}, so setting that variable is enough to switch the models on.
 *
 * @param apiKey The AIsa API key; the model beans exist only when it is set (also from the environment variable
 *     AISA_API_KEY).
 * @param baseUrl The gateway's API root, ending in /v1.
 * @param timeout How long one HTTP call to the gateway may take.
 * @param maxRetries Retries of a failing call (on the last model that can answer, when fallbacks are set); 0
 *     disables them.
 * @param logRequests Whether to log each request sent to the gateway.
 * @param logResponses Whether to log each response from the gateway.
 * @param retry How retries wait (their number is aisa.max-retries).
 * @param chat The chat model settings.
 * @param routing The fallback routing settings.
 * @param budget A spend limit shared by the blocking and the streaming model.
 * @param catalog Additions and corrections to the built-in model catalog.
 * @param cache Response caching of repeated requests.
 * @param observations Observations (metrics and traces) of the model beans' calls.
 */
@ConfigurationProperties(AisaProperties.PREFIX)
public record AisaProperties(
        String apiKey,
        String baseUrl,
        Duration timeout,
        Integer maxRetries,
        Boolean logRequests,
        Boolean logResponses,
        @NestedConfigurationProperty @DefaultValue AisaRetryProperties retry,
        @NestedConfigurationProperty @DefaultValue AisaChatProperties chat,
        @NestedConfigurationProperty @DefaultValue AisaRoutingProperties routing,
        @NestedConfigurationProperty @DefaultValue AisaBudgetProperties budget,
        @NestedConfigurationProperty @DefaultValue AisaCatalogProperties catalog,
        @NestedConfigurationProperty @DefaultValue AisaCacheProperties cache,
        @NestedConfigurationProperty @DefaultValue AisaObservationsProperties observations) {

    public static final String PREFIX = "aisa";

    /** The routing strategies {@code aisa.routing.strategy} names. */
    public static final List<String> STRATEGIES = AisaRoutingProperties.STRATEGIES;

    /** What a spent budget does: {@code Budget.Action}'s constants, in lower case. */
    public static final List<String> BUDGET_ACTIONS = Arrays.stream(one.aisa.langchain4j.routing.Budget.Action.values())
            .map(action -> action.name().toLowerCase(Locale.ROOT))
            .toList();

    public AisaProperties {
        if (apiKey != null && apiKey.isBlank()) {
            throw new AisaConfigurationException(
                    PREFIX + ".api-key",
                    "is blank",
                    "Set it to your AIsa key (or the environment variable AISA_API_KEY), or remove it to switch the"
                            + " AIsa models off.");
        }
        if (baseUrl != null) {
            String url = baseUrl; // the models warn about plain HTTP themselves
            AisaConfigurationErrors.build(
                    () -> AisaModelBuilder.checkedBaseUrl(url),
                    property(
                            "baseUrl",
                            PREFIX + ".base-url",
                            "Set the gateway's API root, e.g. https://api.aisa.one/v1, or remove it to use that."));
        }
        routing.requireNotListed(chat.model());
        retry.policy(maxRetries); // the core checks these as they bind, like the concerns check their own
        budget.check();
    }

    /** The retry policy of the models, or of the router when there is one. */
    public RetryPolicy retryPolicy() {
        return retry.policy(maxRetries);
    }

    /** The properties, with the key masked: records print every component, and this one must never be printed. */
    @Override
    public String toString() {
        return "AisaProperties[apiKey=" + (apiKey == null ? null : "***") + ", baseUrl=" + baseUrl
                + ", timeout=" + timeout + ", maxRetries=" + maxRetries + ", logRequests=" + logRequests
                + ", logResponses=" + logResponses + ", retry=" + retry + ", chat=" + chat + ", routing=" + routing
                + ", budget=" + budget + ", catalog=" + catalog + ", cache=" + cache + ", observations=" + observations
                + ']';
    }
}

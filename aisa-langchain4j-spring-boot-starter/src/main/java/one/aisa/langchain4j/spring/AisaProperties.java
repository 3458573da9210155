package one.aisa.langchain4j.spring;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The {@code aisa.*} properties. Values are checked as they bind: a value the starter cannot use fails the startup
 * with an {@link AisaConfigurationException} that names the property and the fix.
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
 * @param chat The chat model settings.
 * @param routing The fallback routing settings.
 */
@ConfigurationProperties(AisaProperties.PREFIX)
public record AisaProperties(
        String apiKey,
        @DefaultValue("https://api.aisa.one/v1") String baseUrl,
        @DefaultValue("60s") Duration timeout,
        @DefaultValue("2") int maxRetries,
        @DefaultValue("false") boolean logRequests,
        @DefaultValue("false") boolean logResponses,
        @DefaultValue Chat chat,
        @DefaultValue Routing routing) {

    public static final String PREFIX = "aisa";

    public AisaProperties {
        if (apiKey != null && apiKey.isBlank()) {
            throw new AisaConfigurationException(
                    PREFIX + ".api-key",
                    "is blank",
                    "Set it to your AIsa key (or the environment variable AISA_API_KEY), or remove it to switch the"
                            + " AIsa models off.");
        }
        if (baseUrl == null || baseUrl.isBlank()) {
            throw new AisaConfigurationException(
                    PREFIX + ".base-url", "is blank", "Remove it to use https://api.aisa.one/v1, or set a URL.");
        }
        requirePositive(timeout, PREFIX + ".timeout", "60s");
        if (maxRetries < 0) {
            throw new AisaConfigurationException(
                    PREFIX + ".max-retries",
                    "is " + maxRetries + ", which is negative",
                    "Set it to 0 (no retries) or more; the default is 2.");
        }
    }

    static void requirePositive(Duration duration, String property, String example) {
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new AisaConfigurationException(
                    property,
                    "is " + duration + ", but it must be a positive duration",
                    "Set a positive duration such as " + example + ", or remove it to use the default.");
        }
    }

    /**
     * The chat model settings, shared by the blocking and the streaming model and by every fallback.
     *
     * @param model The AIsa model id answered first, e.g. gpt-4o-mini, claude-sonnet-4-5.
     * @param temperature The sampling temperature; unset leaves the model's default.
     * @param maxTokens The most tokens an answer may have; unset leaves the model's default.
     * @param topP Nucleus sampling: the probability mass to sample from; unset leaves the model's default.
     * @param returnThinking Whether to return the model's reasoning text, for models that expose it.
     */
    public record Chat(
            @DefaultValue("gpt-4o-mini") String model,
            Double temperature,
            Integer maxTokens,
            Double topP,
            Boolean returnThinking) {

        public Chat {
            if (model == null || model.isBlank()) {
                throw new AisaConfigurationException(
                        PREFIX + ".chat.model",
                        "is blank",
                        "Set it to an AIsa model id such as gpt-4o-mini, or remove it to use gpt-4o-mini.");
            }
            if (maxTokens != null && maxTokens < 1) {
                throw new AisaConfigurationException(
                        PREFIX + ".chat.max-tokens",
                        "is " + maxTokens + ", but it must be at least 1",
                        "Set it to 1 or more, or remove it to leave the model's default.");
            }
        }
    }

    /**
     * Fallback routing: when {@code fallbacks} is set, the beans are routers trying {@code aisa.chat.model} first and
     * then each fallback in order.
     *
     * @param fallbacks Model ids tried in order after aisa.chat.model when it fails in a way that moves on
     *     (unavailable, rate-limited, timed out, server error).
     * @param retryBeforeFallback Whether to retry each model under the retry policy before moving to the next.
     * @param maxHops The most models one call may try; unset tries every model once.
     * @param circuitBreaker Per-model circuit breakers, which skip a model that keeps failing.
     */
    public record Routing(
            @DefaultValue List<String> fallbacks,
            @DefaultValue("false") boolean retryBeforeFallback,
            Integer maxHops,
            @DefaultValue CircuitBreaker circuitBreaker) {

        public Routing {
            fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
            for (int i = 0; i < fallbacks.size(); i++) {
                if (fallbacks.get(i).isBlank()) {
                    throw new AisaConfigurationException(
                            PREFIX + ".routing.fallbacks[" + i + "]",
                            "is blank",
                            "List model ids only, e.g. aisa.routing.fallbacks=gpt-4o,claude-sonnet-4-5, without"
                                    + " empty entries.");
                }
            }
            if (maxHops != null && maxHops < 1) {
                throw new AisaConfigurationException(
                        PREFIX + ".routing.max-hops",
                        "is " + maxHops + ", but it must be at least 1",
                        "Set it to 1 or more, or remove it to try every model once.");
            }
        }

        /** Whether the beans are routers. */
        public boolean hasFallbacks() {
            return !fallbacks.isEmpty();
        }
    }

    /**
     * Per-model circuit breakers of the router.
     *
     * @param enabled Whether a model that keeps failing is skipped for a while.
     * @param window The sliding time window over which the failure rate is measured (at least 1s).
     * @param minimumCalls The calls in the window before the failure rate counts.
     * @param failureRateThreshold The failure rate, in percent, at which a model's breaker opens.
     * @param openDuration How long an open breaker skips its model before probing it again.
     */
    public record CircuitBreaker(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("60s") Duration window,
            @DefaultValue("3") int minimumCalls,
            @DefaultValue("50") float failureRateThreshold,
            @DefaultValue("30s") Duration openDuration) {

        public CircuitBreaker {
            String prefix = PREFIX + ".routing.circuit-breaker";
            requirePositive(window, prefix + ".window", "60s");
            if (window.toSeconds() < 1) {
                throw new AisaConfigurationException(
                        prefix + ".window", "is " + window + ", shorter than 1s", "Set it to 1s or more, e.g. 60s.");
            }
            requirePositive(openDuration, prefix + ".open-duration", "30s");
            if (minimumCalls < 1) {
                throw new AisaConfigurationException(
                        prefix + ".minimum-calls",
                        "is " + minimumCalls + ", but it must be at least 1",
                        "Set it to 1 or more.");
            }
            if (failureRateThreshold <= 0 || failureRateThreshold > 100) {
                throw new AisaConfigurationException(
                        prefix + ".failure-rate-threshold",
                        "is " + failureRateThreshold + ", outside (0, 100]",
                        "Set a percentage above 0 and at most 100, e.g. 50.");
            }
        }
    }
}

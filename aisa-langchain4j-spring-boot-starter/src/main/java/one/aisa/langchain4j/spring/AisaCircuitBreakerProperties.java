package one.aisa.langchain4j.spring;

import static one.aisa.langchain4j.spring.AisaConfigurationErrors.property;
import static one.aisa.langchain4j.spring.AisaRetryProperties.setIfPresent;

import java.time.Duration;
import one.aisa.langchain4j.routing.CircuitBreakerSettings;

/**
 * Per-model circuit breakers of the router; unset values keep {@code CircuitBreakerSettings.defaults()}, and
 * {@code CircuitBreakerSettings} checks the values (as they bind: {@link AisaRoutingProperties} builds them once).
 *
 * @param enabled Whether a model that keeps failing is skipped for a while.
 * @param window The sliding time window over which the failure rate is measured (at least 1s).
 * @param minimumCalls The calls in the window before the failure rate counts.
 * @param failureRateThreshold The failure rate, in percent, at which a model's breaker opens.
 * @param openDuration How long an open breaker skips its model before probing it again.
 * @param halfOpenProbes Calls let through to test a model after the open period.
 * @param unavailableOpenDuration How long a model the gateway has no channel for (404, 503 no available channel) is
 *     skipped: its breaker opens at once, for this long.
 */
public record AisaCircuitBreakerProperties(
        Boolean enabled,
        Duration window,
        Integer minimumCalls,
        Float failureRateThreshold,
        Duration openDuration,
        Integer halfOpenProbes,
        Duration unavailableOpenDuration) {

    private static final String PREFIX = AisaProperties.PREFIX + ".routing.circuit-breaker";

    /** These settings as the core's. */
    public CircuitBreakerSettings settings() {
        CircuitBreakerSettings.Builder builder = CircuitBreakerSettings.builder();
        setIfPresent(enabled, builder::enabled);
        setIfPresent(window, builder::window);
        setIfPresent(minimumCalls, builder::minimumCalls);
        setIfPresent(failureRateThreshold, builder::failureRateThreshold);
        setIfPresent(openDuration, builder::openDuration);
        setIfPresent(halfOpenProbes, builder::halfOpenProbes);
        setIfPresent(unavailableOpenDuration, builder::unavailableOpenDuration);
        return AisaConfigurationErrors.build(
                builder::build,
                property("window", PREFIX + ".window"),
                property("minimumCalls", PREFIX + ".minimum-calls"),
                property("failureRateThreshold", PREFIX + ".failure-rate-threshold"),
                property("openDuration", PREFIX + ".open-duration"),
                property("halfOpenProbes", PREFIX + ".half-open-probes"),
                property("unavailableOpenDuration", PREFIX + ".unavailable-open-duration"));
    }
}

package one.aisa.langchain4j.spring;

import static one.aisa.langchain4j.spring.AisaConfigurationErrors.property;

import java.time.Duration;
import java.util.function.Consumer;
import one.aisa.langchain4j.RetryPolicy;

/**
 * Retry backoff of a failing call; unset values keep {@code RetryPolicy.defaults()}. Without fallbacks the model
 * retries; with them, the router does (on the last model that can answer, unless aisa.routing.retry-before-fallback).
 *
 * @param initialBackoff The wait before the first retry, before jitter.
 * @param multiplier Growth of the wait per retry (at least 1.0).
 * @param jitter The wait varies by plus or minus this share, in [0, 1), so clients that failed together do not
 *     retry together.
 * @param maxBackoff The longest backoff wait.
 * @param maxRetryAfter The longest Retry-After the gateway may ask for that is still waited for; a longer one stops
 *     retrying at once.
 */
public record AisaRetryProperties(
        Duration initialBackoff, Double multiplier, Double jitter, Duration maxBackoff, Duration maxRetryAfter) {

    private static final String PREFIX = AisaProperties.PREFIX + ".retry";

    public AisaRetryProperties {
        // the core accepts a zero wait (tests use it); from configuration it would hammer the gateway
        requirePositive(initialBackoff, PREFIX + ".initial-backoff");
        requirePositive(maxBackoff, PREFIX + ".max-backoff");
        requirePositive(maxRetryAfter, PREFIX + ".max-retry-after");
    }

    /** These settings with {@code maxRetries} (aisa.max-retries) as the core's policy. */
    RetryPolicy policy(Integer maxRetries) {
        RetryPolicy.Builder builder = RetryPolicy.builder();
        setIfPresent(maxRetries, builder::maxRetries);
        setIfPresent(initialBackoff, builder::initialBackoff);
        setIfPresent(multiplier, builder::multiplier);
        setIfPresent(jitter, builder::jitter);
        setIfPresent(maxBackoff, builder::maxBackoff);
        setIfPresent(maxRetryAfter, builder::maxRetryAfter);
        return AisaConfigurationErrors.build(
                builder::build,
                property(
                        "maxRetries",
                        AisaProperties.PREFIX + ".max-retries",
                        "Set it to 0 (no retries) or more; the default is 2."),
                property("multiplier", PREFIX + ".multiplier"),
                property("jitter", PREFIX + ".jitter"));
    }

    /** Hands a set value to a builder setter; an unset one leaves the builder's default. */
    static <T> void setIfPresent(T value, Consumer<T> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }

    private static void requirePositive(Duration duration, String property) {
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new AisaConfigurationException(
                    property,
                    "is " + duration + ", but it must be a positive duration",
                    "Set a positive duration, or remove it to use the default.");
        }
    }
}

package one.aisa.langchain4j.routing;

import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * When a model's circuit opens, for how long, and how it is probed again. One breaker per model, on by default,
 * with thresholds that trip at low traffic: {@code minimumCalls} calls within {@code window} of which at least
 * {@code failureRateThreshold}% failed (3 calls, 50%, 60 s by default, close to LiteLLM's "3 failures a minute";
 * Resilience4j's own default of 100 calls would never trip for a small app). Open for {@code openDuration}
 * (30 s), then {@code halfOpenProbes} (1) calls test the model. A model the gateway calls unknown or without a
 * channel (404, 503 no channel) opens at once for {@code unavailableOpenDuration} (5 min). Only failures that say
 * something about the model count: rate limits, timeouts, broken connections, 5xx, unavailable; a bad request or
 * a bad key does not.
 *
 * <p>Built on Resilience4j's {@code CircuitBreaker}, whose time-based window, minimum calls, open period,
 * half-open probes and clock express all of this.
 */
public final class CircuitBreakerSettings {

    private static final CircuitBreakerSettings DEFAULTS = builder().build();

    private final boolean enabled;
    private final Duration window;
    private final int minimumCalls;
    private final float failureRateThreshold;
    private final Duration openDuration;
    private final int halfOpenProbes;
    private final Duration unavailableOpenDuration;

    private CircuitBreakerSettings(Builder builder) {
        this.enabled = builder.enabled;
        this.window = positive(builder.window, "window");
        if (window.toSeconds() < 1) {
            throw new IllegalArgumentException("window must be at least 1 s, was " + window);
        }
        if (builder.minimumCalls < 1) {
            throw new IllegalArgumentException("minimumCalls must be at least 1, was " + builder.minimumCalls);
        }
        this.minimumCalls = builder.minimumCalls;
        if (builder.failureRateThreshold <= 0 || builder.failureRateThreshold > 100) {
            throw new IllegalArgumentException(
                    "failureRateThreshold must be in (0, 100], was " + builder.failureRateThreshold);
        }
        this.failureRateThreshold = builder.failureRateThreshold;
        this.openDuration = positive(builder.openDuration, "openDuration");
        if (builder.halfOpenProbes < 1) {
            throw new IllegalArgumentException("halfOpenProbes must be at least 1, was " + builder.halfOpenProbes);
        }
        this.halfOpenProbes = builder.halfOpenProbes;
        this.unavailableOpenDuration = positive(builder.unavailableOpenDuration, "unavailableOpenDuration");
    }

    public static CircuitBreakerSettings defaults() {
        return DEFAULTS;
    }

    /** No breakers: every call reaches its model. */
    public static CircuitBreakerSettings disabled() {
        return builder().enabled(false).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public boolean enabled() {
        return enabled;
    }

    public Duration window() {
        return window;
    }

    public int minimumCalls() {
        return minimumCalls;
    }

    public float failureRateThreshold() {
        return failureRateThreshold;
    }

    public Duration openDuration() {
        return openDuration;
    }

    public int halfOpenProbes() {
        return halfOpenProbes;
    }

    public Duration unavailableOpenDuration() {
        return unavailableOpenDuration;
    }

    /** The Resilience4j configuration these settings stand for. */
    CircuitBreakerConfig toResilience4j(Clock clock, Predicate<Throwable> counts) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.TIME_BASED)
                .slidingWindowSize((int) window.toSeconds())
                .minimumNumberOfCalls(minimumCalls)
                .failureRateThreshold(failureRateThreshold)
                .waitDurationInOpenState(openDuration)
                .permittedNumberOfCallsInHalfOpenState(halfOpenProbes)
                .automaticTransitionFromOpenToHalfOpenEnabled(false)
                .recordException(counts::test)
                .ignoreException(failure -> !counts.test(failure))
                .writableStackTraceEnabled(false)
                .clock(clock)
                .build();
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + value);
        }
        return value;
    }

    @Override
    public String toString() {
        return "CircuitBreakerSettings{enabled=" + enabled + ", window=" + window + ", minimumCalls=" + minimumCalls
                + ", failureRateThreshold=" + failureRateThreshold + ", openDuration=" + openDuration
                + ", halfOpenProbes=" + halfOpenProbes + ", unavailableOpenDuration=" + unavailableOpenDuration + '}';
    }

    public static final class Builder {

        private boolean enabled = true;
        private Duration window = Duration.ofSeconds(60);
        private int minimumCalls = 3;
        private float failureRateThreshold = 50;
        private Duration openDuration = Duration.ofSeconds(30);
        private int halfOpenProbes = 1;
        private Duration unavailableOpenDuration = Duration.ofMinutes(5);

        private Builder() {}

        public Builder enabled(boolean enabled) {
            this.enabled = enabled;
            return this;
        }

        /** The time window in which failures are counted. Default 60 s. */
        public Builder window(Duration window) {
            this.window = window;
            return this;
        }

        /** Calls within the window before the failure rate is judged. Default 3. */
        public Builder minimumCalls(int minimumCalls) {
            this.minimumCalls = minimumCalls;
            return this;
        }

        /** The failure rate, in percent, that opens the circuit. Default 50. */
        public Builder failureRateThreshold(float failureRateThreshold) {
            this.failureRateThreshold = failureRateThreshold;
            return this;
        }

        /** How long an open circuit skips the model before probing it. Default 30 s. */
        public Builder openDuration(Duration openDuration) {
            this.openDuration = openDuration;
            return this;
        }

        /** Calls let through to test a model after the open period. Default 1. */
        public Builder halfOpenProbes(int halfOpenProbes) {
            this.halfOpenProbes = halfOpenProbes;
            return this;
        }

        /** How long a model the gateway calls unknown or without a channel is skipped. Default 5 min. */
        public Builder unavailableOpenDuration(Duration unavailableOpenDuration) {
            this.unavailableOpenDuration = unavailableOpenDuration;
            return this;
        }

        public CircuitBreakerSettings build() {
            return new CircuitBreakerSettings(this);
        }
    }
}

package one.aisa.langchain4j;

import java.time.Duration;
import java.util.Objects;

/**
 * How a single model retries its own transient failures (429, 408, timeouts, broken connections, 5xx): how many
 * times, the exponential backoff with jitter between attempts, and how long a server-sent {@code Retry-After} may
 * make us wait. An immutable value: build it once and share it.
 *
 * <p>Defaults follow the AIsa gateway's own advice: 2 retries, backoff starting at 1 s and doubling, ±25% jitter,
 * capped at 30 s; a {@code Retry-After} is honoured up to 30 s, and a longer one ends the retries at once (the
 * caller, or a router with another model, is better placed to wait that long).
 */
public final class RetryPolicy {

    private static final RetryPolicy DEFAULTS = builder().build();

    private final int maxRetries;
    private final Duration initialBackoff;
    private final double multiplier;
    private final double jitter;
    private final Duration maxBackoff;
    private final Duration maxRetryAfter;

    private RetryPolicy(Builder builder) {
        if (builder.maxRetries < 0) {
            throw new IllegalArgumentException("maxRetries must be 0 or more, was " + builder.maxRetries);
        }
        if (builder.multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1.0, was " + builder.multiplier);
        }
        if (builder.jitter < 0.0 || builder.jitter >= 1.0) {
            throw new IllegalArgumentException("jitter must be in [0, 1), was " + builder.jitter);
        }
        this.maxRetries = builder.maxRetries;
        this.initialBackoff = positive(builder.initialBackoff, "initialBackoff");
        this.multiplier = builder.multiplier;
        this.jitter = builder.jitter;
        this.maxBackoff = positive(builder.maxBackoff, "maxBackoff");
        this.maxRetryAfter = positive(builder.maxRetryAfter, "maxRetryAfter");
    }

    /** 2 retries, 1 s doubling backoff with ±25% jitter capped at 30 s, Retry-After honoured up to 30 s. */
    public static RetryPolicy defaults() {
        return DEFAULTS;
    }

    /** No retries at all. */
    public static RetryPolicy none() {
        return builder().maxRetries(0).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    public int maxRetries() {
        return maxRetries;
    }

    public Duration initialBackoff() {
        return initialBackoff;
    }

    public double multiplier() {
        return multiplier;
    }

    public double jitter() {
        return jitter;
    }

    public Duration maxBackoff() {
        return maxBackoff;
    }

    public Duration maxRetryAfter() {
        return maxRetryAfter;
    }

    /**
     * The wait before retry number {@code retry} (1 for the first retry).
     *
     * @param random a number in [0, 1) that places the wait within the jitter band
     */
    public Duration backoff(int retry, double random) {
        double base = initialBackoff.toNanos() * Math.pow(multiplier, Math.max(0, retry - 1));
        double capped = Math.min(base, maxBackoff.toNanos());
        double jittered = capped * (1.0 - jitter + 2.0 * jitter * random);
        return Duration.ofNanos((long) Math.min(jittered, maxBackoff.toNanos()));
    }

    public Builder toBuilder() {
        return new Builder()
                .maxRetries(maxRetries)
                .initialBackoff(initialBackoff)
                .multiplier(multiplier)
                .jitter(jitter)
                .maxBackoff(maxBackoff)
                .maxRetryAfter(maxRetryAfter);
    }

    private static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name + " must not be null");
        if (value.isNegative()) {
            throw new IllegalArgumentException(name + " must not be negative, was " + value);
        }
        return value;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RetryPolicy that
                && maxRetries == that.maxRetries
                && multiplier == that.multiplier
                && jitter == that.jitter
                && initialBackoff.equals(that.initialBackoff)
                && maxBackoff.equals(that.maxBackoff)
                && maxRetryAfter.equals(that.maxRetryAfter);
    }

    @Override
    public int hashCode() {
        return Objects.hash(maxRetries, initialBackoff, multiplier, jitter, maxBackoff, maxRetryAfter);
    }

    @Override
    public String toString() {
        return "RetryPolicy{maxRetries=" + maxRetries + ", initialBackoff=" + initialBackoff + ", multiplier="
                + multiplier + ", jitter=" + jitter + ", maxBackoff=" + maxBackoff + ", maxRetryAfter="
                + maxRetryAfter + '}';
    }

    public static final class Builder {

        private int maxRetries = 2;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private double multiplier = 2.0;
        private double jitter = 0.25;
        private Duration maxBackoff = Duration.ofSeconds(30);
        private Duration maxRetryAfter = Duration.ofSeconds(30);

        private Builder() {}

        /** Retries after the first attempt; 0 disables retrying. Default 2. */
        public Builder maxRetries(int maxRetries) {
            this.maxRetries = maxRetries;
            return this;
        }

        /** The wait before the first retry, before jitter. Default 1 s. */
        public Builder initialBackoff(Duration initialBackoff) {
            this.initialBackoff = initialBackoff;
            return this;
        }

        /** Growth of the wait per retry. Default 2.0. */
        public Builder multiplier(double multiplier) {
            this.multiplier = multiplier;
            return this;
        }

        /** The wait varies by ± this share, so clients that failed together do not retry together. Default 0.25. */
        public Builder jitter(double jitter) {
            this.jitter = jitter;
            return this;
        }

        /** The longest backoff wait. Default 30 s. */
        public Builder maxBackoff(Duration maxBackoff) {
            this.maxBackoff = maxBackoff;
            return this;
        }

        /** The longest {@code Retry-After} we wait for; a longer one stops retrying at once. Default 30 s. */
        public Builder maxRetryAfter(Duration maxRetryAfter) {
            this.maxRetryAfter = maxRetryAfter;
            return this;
        }

        public RetryPolicy build() {
            return new RetryPolicy(this);
        }
    }
}

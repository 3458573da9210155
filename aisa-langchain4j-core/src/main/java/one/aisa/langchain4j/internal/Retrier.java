package one.aisa.langchain4j.internal;

import dev.langchain4j.Internal;
import dev.langchain4j.exception.RetriableException;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;
import one.aisa.langchain4j.RetryPolicy;
import one.aisa.langchain4j.Sleeper;
import one.aisa.langchain4j.exception.AisaError;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a call under a {@link RetryPolicy}: only {@link RetriableException}s are retried; a server's
 * {@code Retry-After} replaces the backoff, and one longer than the policy allows ends the retries at once.
 */
@Internal
public final class Retrier {

    private static final Logger LOG = LoggerFactory.getLogger(Retrier.class);

    private final RetryPolicy policy;
    private final Sleeper sleeper;
    private final DoubleSupplier random;

    public Retrier(RetryPolicy policy, Sleeper sleeper, DoubleSupplier random) {
        this.policy = policy;
        this.sleeper = sleeper;
        this.random = random;
    }

    /** A retrier whose jitter is drawn from {@link ThreadLocalRandom}. */
    public Retrier(RetryPolicy policy, Sleeper sleeper) {
        this(policy, sleeper, () -> ThreadLocalRandom.current().nextDouble());
    }

    /** A retrier with another policy, waiting and drawing jitter the same way as {@code base}. */
    public Retrier(RetryPolicy policy, Retrier base) {
        this(policy, base.sleeper, base.random);
    }

    public RetryPolicy policy() {
        return policy;
    }

    public <T> T call(Supplier<T> action) {
        for (int retry = 1; ; retry++) {
            try {
                return action.get();
            } catch (RetriableException failure) {
                if (retry > policy.maxRetries()) {
                    throw failure;
                }
                Duration wait = waitBefore(retry, failure);
                if (wait == null) {
                    throw failure;
                }
                LOG.warn(
                        "Retrying AIsa call ({} of {}) in {} ms after: {}",
                        retry,
                        policy.maxRetries(),
                        wait.toMillis(),
                        failure.getMessage());
                try {
                    sleeper.sleep(wait);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    failure.addSuppressed(interrupted);
                    throw failure;
                }
            }
        }
    }

    /**
     * Waits before retry number {@code retry} of a stream that failed before anything reached its caller. False,
     * without waiting, when it may not be retried: not retriable, retries used up, or a {@code Retry-After} longer
     * than the policy allows; false too when interrupted while waiting (the interrupt is kept on the failure).
     */
    public boolean waitToRetryStream(int retry, RuntimeException failure) {
        if (!(failure instanceof RetriableException) || retry > policy.maxRetries()) {
            return false;
        }
        Duration wait = waitBefore(retry, failure);
        if (wait == null) {
            return false;
        }
        LOG.warn(
                "Retrying AIsa stream ({} of {}) in {} ms after: {}",
                retry,
                policy.maxRetries(),
                wait.toMillis(),
                failure.getMessage());
        try {
            // runs on the transport's thread, which no other stream uses while this one waits
            sleeper.sleep(wait);
            return true;
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
            failure.addSuppressed(interrupted);
            return false;
        }
    }

    /** The wait before this retry, or {@code null} when the server asked for longer than the policy allows. */
    public Duration waitBefore(int retry, RuntimeException failure) {
        Duration retryAfter =
                failure instanceof AisaError error ? error.details().retryAfter() : null;
        if (retryAfter == null) {
            return policy.backoff(retry, random.getAsDouble());
        }
        return retryAfter.compareTo(policy.maxRetryAfter()) > 0 ? null : retryAfter;
    }
}

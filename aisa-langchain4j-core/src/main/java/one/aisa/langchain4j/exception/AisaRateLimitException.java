package one.aisa.langchain4j.exception;

import dev.langchain4j.exception.RateLimitException;

/**
 * The gateway or an upstream provider is throttling (HTTP 429). {@link #retryAfter()} tells how long it asked to wait.
 */
public class AisaRateLimitException extends RateLimitException implements AisaError {

    private final AisaErrorDetails details;

    public AisaRateLimitException(String message, AisaErrorDetails details) {
        super(message);
        this.details = details;
    }

    public AisaRateLimitException(String message, AisaErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public AisaErrorDetails details() {
        return details;
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.RATE_LIMIT;
    }
}

package one.aisa.langchain4j.exception;

import dev.langchain4j.exception.NonRetriableException;

/**
 * The account behind the API key has run out of credits (HTTP 402, or a 429 whose code says the quota is spent).
 * Retrying or switching models does not help: every model is paid from the same balance. Top up at aisa.one.
 */
public class InsufficientCreditsException extends NonRetriableException implements AisaError {

    private final AisaErrorDetails details;

    public InsufficientCreditsException(String message, AisaErrorDetails details) {
        super(message);
        this.details = details;
    }

    public InsufficientCreditsException(String message, AisaErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public AisaErrorDetails details() {
        return details;
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.CREDITS;
    }
}

package one.aisa.langchain4j.exception;

import dev.langchain4j.exception.RetriableException;

/**
 * The gateway could not be reached or the connection broke mid-call (refused, reset, closed early). Retried by
 * default.
 */
public class AisaConnectionException extends RetriableException implements AisaError {

    private final AisaErrorDetails details;

    public AisaConnectionException(String message, AisaErrorDetails details) {
        super(message);
        this.details = details;
    }

    public AisaConnectionException(String message, AisaErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public AisaErrorDetails details() {
        return details;
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.TRANSIENT;
    }
}

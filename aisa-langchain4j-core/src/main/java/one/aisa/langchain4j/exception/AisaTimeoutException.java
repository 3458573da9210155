package one.aisa.langchain4j.exception;

import dev.langchain4j.exception.TimeoutException;

/**
 * No complete answer arrived in time: the configured timeout ran out, or the gateway answered HTTP 408.
 */
public class AisaTimeoutException extends TimeoutException implements AisaError {

    private final AisaErrorDetails details;

    public AisaTimeoutException(String message, AisaErrorDetails details) {
        super(message);
        this.details = details;
    }

    public AisaTimeoutException(String message, AisaErrorDetails details, Throwable cause) {
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

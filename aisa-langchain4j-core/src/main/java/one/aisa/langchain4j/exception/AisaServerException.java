package one.aisa.langchain4j.exception;

import dev.langchain4j.exception.InternalServerException;

/**
 * The gateway or the provider behind it failed (HTTP 5xx), or answered with a body that cannot be read
 * (truncated or malformed JSON, an empty 200). Usually transient: retried by default.
 */
public class AisaServerException extends InternalServerException implements AisaError {

    private final AisaErrorDetails details;

    public AisaServerException(String message, AisaErrorDetails details) {
        super(message);
        this.details = details;
    }

    public AisaServerException(String message, AisaErrorDetails details, Throwable cause) {
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

package one.aisa.langchain4j.exception;

import dev.langchain4j.exception.InvalidRequestException;

/**
 * The gateway refused the request as malformed (HTTP 400/422 and other 4xx). The same request fails on every
 * model: fix the request.
 */
public class AisaInvalidRequestException extends InvalidRequestException implements AisaError {

    private final AisaErrorDetails details;

    public AisaInvalidRequestException(String message, AisaErrorDetails details) {
        super(message);
        this.details = details;
    }

    public AisaInvalidRequestException(String message, AisaErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public AisaErrorDetails details() {
        return details;
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.INVALID_REQUEST;
    }
}

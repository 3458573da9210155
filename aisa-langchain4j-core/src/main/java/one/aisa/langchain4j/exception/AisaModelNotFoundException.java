package one.aisa.langchain4j.exception;

import dev.langchain4j.exception.ModelNotFoundException;

/**
 * The requested model does not exist or has no upstream channel right now (HTTP 404, or 503 "no available
 * channel"). Another model may answer; this one will not, however often it is retried.
 */
public class AisaModelNotFoundException extends ModelNotFoundException implements AisaError {

    private final AisaErrorDetails details;

    public AisaModelNotFoundException(String message, AisaErrorDetails details) {
        super(message);
        this.details = details;
    }

    public AisaModelNotFoundException(String message, AisaErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public AisaErrorDetails details() {
        return details;
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.MODEL_UNAVAILABLE;
    }
}

package one.aisa.langchain4j.exception;

import dev.langchain4j.exception.InvalidRequestException;

/**
 * The prompt (plus {@code max_tokens}) does not fit the model's context window. A model with a larger window,
 * or a shorter conversation, can succeed.
 */
public class ContextLengthExceededException extends InvalidRequestException implements AisaError {

    private final AisaErrorDetails details;

    public ContextLengthExceededException(String message, AisaErrorDetails details) {
        super(message);
        this.details = details;
    }

    public ContextLengthExceededException(String message, AisaErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public AisaErrorDetails details() {
        return details;
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.CONTEXT_LENGTH;
    }
}

package one.aisa.langchain4j.exception;

import dev.langchain4j.exception.AuthenticationException;

/**
 * The gateway rejected the API key or its permissions (HTTP 401/403). Check {@code AISA_API_KEY}.
 */
public class AisaAuthenticationException extends AuthenticationException implements AisaError {

    private final AisaErrorDetails details;

    public AisaAuthenticationException(String message, AisaErrorDetails details) {
        super(message);
        this.details = details;
    }

    public AisaAuthenticationException(String message, AisaErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public AisaErrorDetails details() {
        return details;
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.AUTHENTICATION;
    }
}

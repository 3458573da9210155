package one.aisa.langchain4j.exception;

import dev.langchain4j.exception.ContentFilteredException;

/**
 * The provider's content policy refused the request (HTTP 400/403/422 with a content-policy code). Another
 * provider's policy may differ.
 */
public class ContentPolicyException extends ContentFilteredException implements AisaError {

    private final AisaErrorDetails details;

    public ContentPolicyException(String message, AisaErrorDetails details) {
        super(message);
        this.details = details;
    }

    public ContentPolicyException(String message, AisaErrorDetails details, Throwable cause) {
        super(message, cause);
        this.details = details;
    }

    @Override
    public AisaErrorDetails details() {
        return details;
    }

    @Override
    public ErrorCategory category() {
        return ErrorCategory.CONTENT_POLICY;
    }
}

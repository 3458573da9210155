package one.aisa.langchain4j.exception;

import dev.langchain4j.exception.AuthenticationException;
import dev.langchain4j.exception.ContentFilteredException;
import dev.langchain4j.exception.InvalidRequestException;
import dev.langchain4j.exception.ModelNotFoundException;
import dev.langchain4j.exception.RateLimitException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.UnsupportedFeatureException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;

/**
 * What kind of failure a model call ended in, as far as routing is concerned (the rows of the failover policy).
 * This library's exceptions say it themselves ({@link AisaError#category()}); other LangChain4j exceptions are
 * classified by their type, so that a router over any {@code ChatModel} treats them alike.
 */
public enum ErrorCategory {
    /** 401/403: the key is wrong, and it is the same key for every model. */
    AUTHENTICATION,
    /** 402 or a spent quota: every model draws on the same balance. */
    CREDITS,
    /** 404 or 503 "no available channel": this model will not answer, another may. */
    MODEL_UNAVAILABLE,
    /** 429. */
    RATE_LIMIT,
    /** 408, timeouts, broken connections, 5xx. */
    TRANSIENT,
    /** The prompt does not fit this model's context window. */
    CONTEXT_LENGTH,
    /** The provider's content policy refused the request. */
    CONTENT_POLICY,
    /** The model cannot take a feature of this request (e.g. topK); another model may. */
    UNSUPPORTED_FEATURE,
    /** Any other 400/422, or an {@link IllegalArgumentException}: the request is wrong for every model. */
    INVALID_REQUEST,
    /**
     * Any other exception (a {@code NullPointerException} in a model's own mapping, say): this model failed, and
     * nothing says another one would.
     */
    UNKNOWN;

    private static final Pattern CONTEXT_MESSAGE =
            Pattern.compile("(?i)context_length_exceeded|exceed_context_size|maximum context length|prompt is too long"
                    + "|exceeds the maximum number of tokens|context size|context window|too many tokens");

    /** Whether an error message says the prompt does not fit the model's context window (any provider's words). */
    public static boolean isContextLengthMessage(String message) {
        return message != null && CONTEXT_MESSAGE.matcher(message).find();
    }

    /** Classifies LangChain4j's exception types, with the AIsa subclasses where they add meaning. */
    public static ErrorCategory of(Throwable failure) {
        if (failure instanceof AisaError aisa) {
            return aisa.category();
        }
        if (failure instanceof AuthenticationException) {
            return AUTHENTICATION;
        }
        if (failure instanceof ModelNotFoundException) {
            return MODEL_UNAVAILABLE;
        }
        if (failure instanceof RateLimitException) {
            return RATE_LIMIT;
        }
        if (failure instanceof RetriableException) {
            return TRANSIENT;
        }
        if (failure instanceof ContentFilteredException) {
            return CONTENT_POLICY;
        }
        if (failure instanceof InvalidRequestException) {
            return isContextLengthMessage(failure.getMessage()) ? CONTEXT_LENGTH : INVALID_REQUEST;
        }
        if (failure instanceof UnsupportedFeatureException) {
            return UNSUPPORTED_FEATURE;
        }
        if (failure instanceof IllegalArgumentException) {
            return INVALID_REQUEST;
        }
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof IOException || cause instanceof UncheckedIOException) {
                return TRANSIENT;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return UNKNOWN;
    }
}

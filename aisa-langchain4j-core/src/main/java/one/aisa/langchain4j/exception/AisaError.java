package one.aisa.langchain4j.exception;

import java.time.Duration;
import java.util.Optional;

/**
 * Implemented by every exception this library throws for an error reported by the AIsa gateway, so callers can
 * read the gateway's own {@code code}, {@code request_id} and {@code Retry-After} whatever LangChain4j type the
 * exception has.
 *
 * <pre>{@code
 * catch (RateLimitException e) {
 *     if (e instanceof AisaError aisa) {
 *         aisa.retryAfter().ifPresent(wait -> ...);
 *     }
 * }
 * }</pre>
 */
public interface AisaError {

    /** The gateway's account of the failure. */
    AisaErrorDetails details();

    /** What the failure means for routing: fail fast, move on, or move along a context-window or policy chain. */
    ErrorCategory category();

    /** The gateway's request id, to quote to AIsa support. */
    default String requestId() {
        return details().requestId();
    }

    /** The gateway's error code, e.g. {@code insufficient_credits}. */
    default String errorCode() {
        return details().code();
    }

    /** The HTTP status the error stands for. */
    default int statusCode() {
        return details().statusCode();
    }

    /** How long the gateway asked the caller to wait before trying again. */
    default Optional<Duration> retryAfter() {
        return details().retryAfterDuration();
    }
}

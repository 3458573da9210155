package one.aisa.langchain4j.exception;

import java.time.Duration;
import java.util.Optional;

/**
 * What the AIsa gateway said about a failed call: the HTTP status, the error {@code type} and {@code code}, its
 * human-readable message, the {@code request_id} to quote to AIsa support, and how long it asked us to wait.
 *
 * <p>Every exception thrown by this library for a gateway error implements {@link AisaError} and carries one of
 * these. Fields the gateway did not send are {@code null}.
 *
 * @param statusCode the HTTP status; for an error sent inside a 200 body, the status it stands for
 * @param type the error type, e.g. {@code rate_limit_error}
 * @param code the error code, e.g. {@code rate_limit_exceeded}; numeric codes are kept as text
 * @param message the gateway's message, with the API key removed if it was echoed back
 * @param param the request parameter the error is about, if the gateway named one
 * @param requestId the gateway's request id, from the body or the {@code x-request-id} header
 * @param retryAfter how long the gateway asked the caller to wait ({@code Retry-After}, {@code retry-after-ms})
 */
public record AisaErrorDetails(
        int statusCode, String type, String code, String message, String param, String requestId, Duration retryAfter) {

    /** The wait the gateway asked for, if any. */
    public Optional<Duration> retryAfterDuration() {
        return Optional.ofNullable(retryAfter);
    }
}

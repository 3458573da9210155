package one.aisa.langchain4j.testkit;

import java.time.Duration;
import java.util.Objects;

/**
 * A failure the {@link AisaSimulator} injects for a model: an HTTP error as the real gateway sends it, latency,
 * a broken connection, a malformed body, a stream cut short, or an error inside a stream.
 */
public final class SimulatedFault {

    enum Kind {
        STATUS,
        LATENCY,
        CONNECTION_RESET,
        MALFORMED_BODY,
        STREAM_CUT,
        ERROR_IN_STREAM
    }

    final Kind kind;
    final int status;
    final String type;
    final String code;
    final String message;
    final Duration retryAfter;
    final Duration latency;
    final int afterChunks;

    private SimulatedFault(
            Kind kind,
            int status,
            String type,
            String code,
            String message,
            Duration retryAfter,
            Duration latency,
            int afterChunks) {
        this.kind = kind;
        this.status = status;
        this.type = type;
        this.code = code;
        this.message = message;
        this.retryAfter = retryAfter;
        this.latency = latency;
        this.afterChunks = afterChunks;
    }

    /** An HTTP error with the gateway's body for that status (401, 402, 404, 429, 500, 503, ...). */
    public static SimulatedFault status(int status) {
        return switch (status) {
            case 401 -> error(401, "authentication_error", "invalid_api_key", "Invalid API key provided.");
            case 402 -> error(402, "insufficient_credits", "insufficient_credits", "Insufficient credits.");
            case 403 -> error(403, "authentication_error", "model_not_allowed", "This key may not use this model.");
            case 404 -> error(404, "invalid_request_error", "model_not_found", "The model does not exist.");
            case 408 -> error(408, "api_error", "upstream_timeout", "The upstream provider timed out.");
            case 429 -> error(429, "rate_limit_error", "rate_limit_exceeded", "Rate limit reached, retry later.");
            case 500 -> error(500, "api_error", "server_error", "The server had an error.");
            case 502 -> error(502, "upstream_error", "upstream_unavailable", "Bad gateway.");
            case 503 -> error(503, "upstream_error", "upstream_unavailable", "The upstream provider is overloaded.");
            case 504 -> error(504, "upstream_error", "upstream_timeout", "The upstream provider timed out.");
            default -> error(status, "api_error", "error_" + status, "Simulated HTTP " + status + ".");
        };
    }

    /** A 429 that asks the caller to wait. */
    public static SimulatedFault rateLimited(Duration retryAfter) {
        SimulatedFault base = status(429);
        return new SimulatedFault(
                Kind.STATUS, 429, base.type, base.code, base.message, Objects.requireNonNull(retryAfter), null, 0);
    }

    /** The gateway's 503 when no upstream channel serves the model. */
    public static SimulatedFault noAvailableChannel() {
        return error(503, "upstream_error", "model_not_available", "No available channels for this model.");
    }

    /** A 400 saying the prompt does not fit the context window. */
    public static SimulatedFault contextLengthExceeded() {
        return error(
                400,
                "invalid_request_error",
                "context_length_exceeded",
                "This model's maximum context length is 8192 tokens. Please reduce the length of the messages.");
    }

    /** A 422 content-policy refusal. */
    public static SimulatedFault contentPolicy() {
        return error(422, "invalid_request_error", "content_policy_violation", "The request violates content policy.");
    }

    /** Waits this long, then answers normally. */
    public static SimulatedFault latency(Duration latency) {
        return new SimulatedFault(Kind.LATENCY, 200, null, null, null, null, Objects.requireNonNull(latency), 0);
    }

    /** Resets the connection instead of answering. */
    public static SimulatedFault connectionReset() {
        return new SimulatedFault(Kind.CONNECTION_RESET, 0, null, null, null, null, null, 0);
    }

    /** Answers 200 with a truncated JSON body. */
    public static SimulatedFault malformedBody() {
        return new SimulatedFault(Kind.MALFORMED_BODY, 200, null, null, null, null, null, 0);
    }

    /** Streams {@code chunks} chunks, then closes without a finish reason or {@code [DONE]}. */
    public static SimulatedFault streamCutAfter(int chunks) {
        return new SimulatedFault(Kind.STREAM_CUT, 200, null, null, null, null, null, requirePositive(chunks));
    }

    /** Streams {@code chunks} chunks, then an error event, as the gateway does when an upstream fails mid-answer. */
    public static SimulatedFault errorInStream(int chunks) {
        return new SimulatedFault(
                Kind.ERROR_IN_STREAM,
                200,
                "upstream_error",
                "server_error",
                "The upstream provider disconnected.",
                null,
                null,
                Math.max(0, chunks));
    }

    private static SimulatedFault error(int status, String type, String code, String message) {
        return new SimulatedFault(Kind.STATUS, status, type, code, message, null, null, 0);
    }

    private static int requirePositive(int chunks) {
        if (chunks < 0) {
            throw new IllegalArgumentException("chunks must be 0 or more, was " + chunks);
        }
        return chunks;
    }

    @Override
    public String toString() {
        return switch (kind) {
            case STATUS -> "HTTP " + status + " " + code + (retryAfter == null ? "" : " retry-after " + retryAfter);
            case LATENCY -> "latency " + latency.toMillis() + " ms";
            case CONNECTION_RESET -> "connection reset";
            case MALFORMED_BODY -> "malformed body";
            case STREAM_CUT -> "stream cut after " + afterChunks + " chunks";
            case ERROR_IN_STREAM -> "error in stream after " + afterChunks + " chunks";
        };
    }
}

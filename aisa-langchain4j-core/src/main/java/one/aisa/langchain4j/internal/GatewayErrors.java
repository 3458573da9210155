package one.aisa.langchain4j.internal;

import static java.util.Locale.ROOT;

import com.fasterxml.jackson.databind.JsonNode;
import dev.langchain4j.Internal;
import dev.langchain4j.exception.LangChain4jException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaErrorDetails;
import one.aisa.langchain4j.exception.AisaInvalidRequestException;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import one.aisa.langchain4j.exception.AisaRateLimitException;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.exception.AisaTimeoutException;
import one.aisa.langchain4j.exception.ContentPolicyException;
import one.aisa.langchain4j.exception.ContextLengthExceededException;
import one.aisa.langchain4j.exception.ErrorCategory;
import one.aisa.langchain4j.exception.InsufficientCreditsException;

/**
 * The one place where text from the wire becomes exception text: every message and {@link AisaErrorDetails} field
 * built from a body, a stream line or a header passes through the {@link SecretRedactor} here, and a cause is kept
 * only when its own messages are free of the key.
 *
 * <p>Turns an error reported by the gateway into a typed LangChain4j exception, whatever shape its body has. The
 * gateway forwards upstream bodies verbatim, so besides its own {@code {"error":{type,code,message,request_id}}}
 * we read: {@code error} as a string, an array-wrapped error (Gemini's OpenAI layer), {@code {"detail":..}}
 * (FastAPI/Django proxies), top-level {@code message} (vLLM), HTML pages (reverse proxies), plain text, and an
 * empty body. The status decides the exception type first; the code and message refine it (402 and spent quotas
 * are credits, context-length and content-policy 4xx get their own types, 503 "no available channel" means the
 * model is unavailable).
 */
@Internal
public final class GatewayErrors {

    private static final int MAX_MESSAGE_CHARS = 500;
    private static final int SNIPPET_CHARS = 200;
    private static final Pattern HTML_TITLE = Pattern.compile("(?is)<title>(.*?)</title>");
    private static final Pattern HTML_TAG = Pattern.compile("(?s)<[^>]*>");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Set<String> CREDIT_CODES =
            Set.of("insufficient_credits", "insufficient_quota", "quota_exceeded", "insufficient_balance");
    private static final Set<String> AUTH_CODES = Set.of(
            "invalid_api_key",
            "missing_api_key",
            "revoked_api_key",
            "api_key_invalid",
            "api_key_expired",
            "unauthorized");
    private static final Pattern AUTH_MESSAGE =
            Pattern.compile("(?i)(incorrect|invalid|missing) api key|api key (not valid|expired)");
    private static final Pattern CONTENT_POLICY =
            Pattern.compile("(?i)content_policy|content_filter|moderation|responsibleaipolicy|flagged|\\bsafety\\b");
    private static final Pattern NO_CHANNEL = Pattern.compile("(?i)no available channel");

    private final SecretRedactor redactor;
    private final Clock clock;

    public GatewayErrors(SecretRedactor redactor, Clock clock) {
        this.redactor = redactor;
        this.clock = clock;
    }

    /** An HTTP error status with whatever body and headers came with it. */
    public LangChain4jException fromHttpError(int status, Map<String, List<String>> headers, String body) {
        JsonNode json = Json.parseOrNull(body);
        return toException(status, headers, json, body);
    }

    /** A JSON error object sent with status 200, in a plain body or inside a stream. */
    public LangChain4jException fromErrorInSuccessfulResponse(Map<String, List<String>> headers, JsonNode json) {
        return toException(0, headers, json, null);
    }

    /**
     * A 2xx body that cannot be read as a chat completion: not JSON ({@code cause} is the parse failure), or JSON
     * of another shape ({@code problem} names the field).
     */
    public AisaServerException unreadableBody(
            int status, Map<String, List<String>> headers, byte[] body, String problem, Throwable cause) {
        String snippet = snippet(body == null ? "" : new String(body, java.nio.charset.StandardCharsets.UTF_8));
        String requestId = requestId(headers);
        AisaErrorDetails details = new AisaErrorDetails(status, null, null, snippet, null, requestId, null);
        return new AisaServerException(
                "AIsa gateway error: the HTTP " + status + " response " + problem + ": " + snippet
                        + (requestId == null ? "" : " (request_id " + requestId + ")"),
                details,
                safeCause(cause));
    }

    /**
     * A response that was read but could not be mapped to an answer ({@code failure} is what the mapping threw),
     * e.g. a JSON type Jackson refused.
     */
    public AisaServerException unmappableResponse(String reason, Throwable failure) {
        String text = redact(reason);
        AisaErrorDetails details = new AisaErrorDetails(200, null, null, text, null, null, null);
        return new AisaServerException(
                "AIsa gateway error: the response does not match the chat completion format: " + text,
                details,
                safeCause(failure));
    }

    /** A stream line whose data is neither JSON nor {@code [DONE]}. */
    public AisaServerException unreadableChunk(Map<String, List<String>> headers, String data) {
        String snippet = snippet(data);
        return new AisaServerException(
                "AIsa gateway error: a stream chunk is not valid JSON: " + snippet,
                new AisaErrorDetails(200, null, null, snippet, null, requestId(headers), null));
    }

    /** A stream chunk that parsed but cannot be used; {@code problem} names the field. */
    public AisaServerException malformedChunk(Map<String, List<String>> headers, String problem) {
        String text = redact(problem);
        return new AisaServerException(
                "AIsa gateway error: a stream chunk does not match the chat completion format: " + text,
                new AisaErrorDetails(200, null, null, text, null, requestId(headers), null));
    }

    /** A stream that ended without a finish reason or {@code [DONE]}. */
    public AisaConnectionException truncatedStream(Map<String, List<String>> headers, int characters) {
        String message = "AIsa gateway error: the stream ended before the model finished (no finish_reason, no "
                + "[DONE]) after " + characters + " characters of text.";
        return new AisaConnectionException(
                message, new AisaErrorDetails(200, null, null, message, null, requestId(headers), null));
    }

    /** The gateway's request id from the response headers, redacted (a proxy may echo anything there). */
    public String requestId(Map<String, List<String>> headers) {
        return redact(Headers.first(headers, "x-request-id"));
    }

    /** Removes the API key (and any bearer token) from text bound for a message, a log line or a trace. */
    public String redact(String text) {
        return redactor.redact(text);
    }

    /** The failure, if none of the messages along its causes holds the key; otherwise {@code null}. */
    Throwable safeCause(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            String message = cause.getMessage();
            if (message != null && !message.equals(redactor.redact(message))) {
                return null;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return failure;
    }

    private String snippet(String raw) {
        String text = redactor.redact(raw);
        if (text.isBlank()) {
            return "(empty body)";
        }
        return text.length() <= SNIPPET_CHARS ? text.strip() : text.substring(0, SNIPPET_CHARS) + "...";
    }

    private LangChain4jException toException(
            int httpStatus, Map<String, List<String>> headers, JsonNode json, String rawBody) {
        Parsed parsed = Parsed.of(json, rawBody).redacted(redactor);
        int status = httpStatus >= 400 ? httpStatus : statusOfEmbeddedError(parsed);
        String requestId = firstNonNull(parsed.requestId, requestId(headers));
        Duration retryAfter = RetryAfter.from(headers, json, clock);
        String message = parsed.message == null ? null : collapse(parsed.message);
        AisaErrorDetails details =
                new AisaErrorDetails(status, parsed.type, parsed.code, message, parsed.param, requestId, retryAfter);
        return create(kindOf(status, parsed), details);
    }

    enum Kind {
        AUTHENTICATION,
        CREDITS,
        MODEL_NOT_FOUND,
        ENDPOINT_NOT_FOUND,
        NO_CHANNEL,
        TIMEOUT,
        RATE_LIMIT,
        CONTEXT_LENGTH,
        CONTENT_POLICY,
        INVALID_REQUEST,
        SERVER
    }

    static Kind kindOf(int status, Parsed parsed) {
        String code = lower(parsed.code);
        String everything = parsed.searchableText();
        boolean clientError = status >= 400 && status < 500;
        if (status == 402 || CREDIT_CODES.contains(code)) {
            return Kind.CREDITS;
        }
        if (clientError && CONTENT_POLICY.matcher(everything).find() && status != 401 && status != 429) {
            return Kind.CONTENT_POLICY;
        }
        if (status == 401
                || status == 403
                || AUTH_CODES.contains(code)
                || AUTH_MESSAGE.matcher(everything).find()) {
            return Kind.AUTHENTICATION;
        }
        if (clientError && status != 429 && ErrorCategory.isContextLengthMessage(everything)) {
            return Kind.CONTEXT_LENGTH;
        }
        if (status == 404) {
            boolean aboutTheModel = code.contains("model") || everything.contains("model");
            return aboutTheModel ? Kind.MODEL_NOT_FOUND : Kind.ENDPOINT_NOT_FOUND;
        }
        if (status == 503 && NO_CHANNEL.matcher(everything).find()) {
            return Kind.NO_CHANNEL;
        }
        if (status == 408) {
            return Kind.TIMEOUT;
        }
        if (status == 429) {
            return Kind.RATE_LIMIT;
        }
        if (clientError) {
            return Kind.INVALID_REQUEST;
        }
        return Kind.SERVER;
    }

    private static LangChain4jException create(Kind kind, AisaErrorDetails details) {
        String text = describe(details);
        return switch (kind) {
            case AUTHENTICATION ->
                new AisaAuthenticationException(
                        text + " Check the API key: set AISA_API_KEY or apiKey(...) to a key from aisa.one.", details);
            case CREDITS ->
                new InsufficientCreditsException(
                        text + " The AIsa balance is spent; every model draws on it. Top up at aisa.one.", details);
            case MODEL_NOT_FOUND ->
                new AisaModelNotFoundException(
                        text + " Check the model id: GET /v1/models lists the models the gateway serves.", details);
            case ENDPOINT_NOT_FOUND ->
                new AisaModelNotFoundException(
                        text + " Check the model id and baseUrl (it should end in /v1, e.g. https://api.aisa.one/v1).",
                        details);
            case NO_CHANNEL ->
                new AisaModelNotFoundException(
                        text + " No upstream channel serves this model right now; try another model.", details);
            case TIMEOUT -> new AisaTimeoutException(text, details);
            case RATE_LIMIT -> new AisaRateLimitException(text, details);
            case CONTEXT_LENGTH ->
                new ContextLengthExceededException(
                        text
                                + " Shorten the conversation, lower maxTokens, or use a model with a larger context window.",
                        details);
            case CONTENT_POLICY -> new ContentPolicyException(text, details);
            case INVALID_REQUEST -> new AisaInvalidRequestException(text, details);
            case SERVER -> new AisaServerException(text, details);
        };
    }

    static String describe(AisaErrorDetails details) {
        StringBuilder text = new StringBuilder("AIsa gateway error: HTTP ").append(details.statusCode());
        if (details.code() != null && !details.code().equals(String.valueOf(details.statusCode()))) {
            text.append(' ').append(details.code());
        } else if (details.type() != null) {
            text.append(' ').append(details.type());
        }
        text.append(": ").append(details.message() == null ? "(empty body)" : details.message());
        StringBuilder extras = new StringBuilder();
        if (details.requestId() != null) {
            extras.append("request_id ").append(details.requestId());
        }
        if (details.retryAfter() != null) {
            extras.append(extras.length() > 0 ? ", " : "")
                    .append("retry after ")
                    .append(details.retryAfter().toMillis())
                    .append(" ms");
        }
        if (extras.length() > 0) {
            text.append(" (").append(extras).append(')');
        }
        return text.append('.').toString();
    }

    private static int statusOfEmbeddedError(Parsed parsed) {
        if (parsed.code != null && parsed.code.matches("[1-5]\\d\\d")) {
            int numeric = Integer.parseInt(parsed.code);
            if (numeric >= 400) {
                return numeric;
            }
        }
        String text = parsed.searchableText();
        if (text.contains("rate_limit") || text.contains("rate limit")) {
            return 429;
        }
        if (CREDIT_CODES.contains(lower(parsed.code))) {
            return 402;
        }
        if (text.contains("authentication") || AUTH_CODES.contains(lower(parsed.code))) {
            return 401;
        }
        if (text.contains("not_found") || text.contains("unknown_model")) {
            return 404;
        }
        if (text.contains("invalid_request")
                || text.contains("bad_request")
                || ErrorCategory.isContextLengthMessage(text)) {
            return 400;
        }
        if (text.contains("timeout")) {
            return 504;
        }
        return 500;
    }

    /** The fields we could read out of an error body of any shape. */
    record Parsed(String type, String code, String message, String param, String requestId) {

        static Parsed of(JsonNode json, String rawBody) {
            if (json != null && json.isArray() && !json.isEmpty()) {
                return of(json.get(0), rawBody);
            }
            if (json == null || !json.isObject()) {
                return new Parsed(null, null, plainText(rawBody), null, null);
            }
            JsonNode error = json.get("error");
            String topRequestId = firstNonNull(Json.text(json, "request_id"), Json.text(json, "requestId"));
            if (error != null && error.isObject()) {
                return new Parsed(
                        firstNonNull(Json.text(error, "type"), Json.text(error, "status")),
                        Json.text(error, "code"),
                        firstNonNull(Json.text(error, "message"), Json.write(error)),
                        Json.text(error, "param"),
                        firstNonNull(Json.text(error, "request_id"), topRequestId));
            }
            if (error != null && error.isTextual()) {
                return new Parsed(Json.text(json, "type"), Json.text(json, "code"), error.asText(), null, topRequestId);
            }
            JsonNode detail = json.get("detail");
            if (detail != null) {
                JsonNode nested = detail.isTextual() ? Json.parseOrNull(detail.asText()) : null;
                if (nested != null && nested.isContainerNode()) {
                    return of(nested, detail.asText());
                }
                return new Parsed(null, null, detail.isTextual() ? detail.asText() : Json.write(detail), null, null);
            }
            if (json.hasNonNull("message")) {
                return new Parsed(
                        Json.text(json, "type"),
                        Json.text(json, "code"),
                        Json.text(json, "message"),
                        Json.text(json, "param"),
                        topRequestId);
            }
            return new Parsed(null, null, truncate(rawBody == null ? Json.write(json) : rawBody), null, topRequestId);
        }

        Parsed redacted(SecretRedactor redactor) {
            return new Parsed(
                    redactor.redact(type),
                    redactor.redact(code),
                    redactor.redact(message),
                    redactor.redact(param),
                    redactor.redact(requestId));
        }

        String searchableText() {
            return (lower(type) + ' ' + lower(code) + ' ' + lower(message)).replace('-', '_');
        }
    }

    private static String plainText(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        Matcher title = HTML_TITLE.matcher(body);
        if (title.find()) {
            return truncate(collapse(title.group(1)));
        }
        if (body.stripLeading().startsWith("<")) {
            return truncate(collapse(HTML_TAG.matcher(body).replaceAll(" ")));
        }
        return truncate(collapse(body));
    }

    private static String collapse(String text) {
        return WHITESPACE.matcher(text).replaceAll(" ").trim();
    }

    private static String truncate(String text) {
        return text.length() <= MAX_MESSAGE_CHARS ? text : text.substring(0, MAX_MESSAGE_CHARS) + "...";
    }

    private static String lower(String text) {
        return text == null ? "" : text.toLowerCase(ROOT);
    }

    private static String firstNonNull(String first, String second) {
        return first != null ? first : second;
    }
}

package one.aisa.langchain4j.internal;

import dev.langchain4j.exception.HttpException;
import dev.langchain4j.exception.LangChain4jException;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.net.ConnectException;
import java.net.UnknownHostException;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaErrorDetails;
import one.aisa.langchain4j.exception.AisaTimeoutException;
import org.slf4j.Logger;

/**
 * Wraps whatever {@link HttpClient} carries the bytes and makes every failure of a gateway call typed: HTTP errors,
 * timeouts and broken connections all leave here as LangChain4j exceptions implementing
 * {@link one.aisa.langchain4j.exception.AisaError}. It also owns request/response logging, so the API key is
 * masked completely (LangChain4j's own logger keeps the last characters of a key) and removed from logged bodies.
 */
final class AisaHttpClient implements HttpClient {

    private static final Pattern SECRET_HEADER =
            Pattern.compile("(?i).*(auth|api-key|api_key|apikey|token|secret|password|credential|cookie).*");

    private final HttpClient delegate;
    private final GatewayErrors errors;
    private final SecretRedactor redactor;
    private final Duration timeout;
    private final boolean logRequests;
    private final boolean logResponses;
    private final Logger log;

    AisaHttpClient(HttpClient delegate, AisaHttpClientBuilder builder) {
        this.delegate = delegate;
        this.redactor = builder.redactor;
        this.errors = new GatewayErrors(builder.redactor, builder.clock);
        this.timeout = builder.readTimeout();
        this.logRequests = builder.logRequests;
        this.logResponses = builder.logResponses;
        this.log = builder.logger;
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        logRequest(request);
        SuccessfulHttpResponse response;
        try {
            response = delegate.execute(request);
        } catch (RuntimeException failure) {
            RuntimeException mapped = mapFailure(failure, request);
            if (logResponses) {
                log.info("AIsa HTTP call failed: {}", mapped.getMessage());
            }
            throw mapped;
        }
        logResponse(response);
        return response;
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        logRequest(request);
        delegate.execute(request, parser, new ServerSentEventListener() {
            @Override
            public void onOpen(SuccessfulHttpResponse response) {
                logResponse(response);
                listener.onOpen(response);
            }

            @Override
            public void onEvent(ServerSentEvent event) {
                listener.onEvent(event);
            }

            @Override
            public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
                listener.onEvent(event, context);
            }

            @Override
            public void onError(Throwable failure) {
                listener.onError(mapFailure(failure, request));
            }

            @Override
            public void onClose() {
                listener.onClose();
            }
        });
    }

    RuntimeException mapFailure(Throwable failure, HttpRequest request) {
        if (failure instanceof HttpStatusException status) {
            return errors.fromHttpError(status.statusCode(), status.headers(), status.getMessage());
        }
        if (failure instanceof HttpException http) {
            return errors.fromHttpError(http.statusCode(), Map.of(), http.getMessage());
        }
        if (failure instanceof one.aisa.langchain4j.exception.AisaError && failure instanceof RuntimeException typed) {
            return typed;
        }
        if (failure instanceof TimeoutException || hasCause(failure, HttpTimeoutException.class)) {
            String message = "AIsa gateway error: no complete answer from " + where(request)
                    + (timeout == null ? "" : " within " + timeout.toMillis() + " ms")
                    + ". Raise timeout(...) for long generations, or stream the answer.";
            return new AisaTimeoutException(message, details(408, "timeout", failure), failure);
        }
        if (hasCause(failure, UnresolvedAddressException.class) || hasCause(failure, UnknownHostException.class)) {
            // The failure is kept as suppressed, not as the cause: langchain4j-open-ai's exception mapper looks for
            // an UnresolvedAddressException at the root and replaces the exception with one without a message.
            UnresolvedModelServerException unresolved = new UnresolvedModelServerException(
                    "Cannot resolve the host of " + where(request) + ": check baseUrl.");
            unresolved.addSuppressed(failure);
            return unresolved;
        }
        if (hasCause(failure, ConnectException.class)) {
            // the JDK's ConnectException wraps a ClosedChannelException: the root cause names the wrong thing
            String message = "AIsa gateway error: cannot connect to " + where(request)
                    + " (connection refused). Check baseUrl (or AISA_BASE_URL) and that the gateway is reachable.";
            return new AisaConnectionException(
                    message, details(0, "connection refused", failure), errors.safeCause(failure));
        }
        if (hasCause(failure, IOException.class)) {
            String reason = errors.redact(rootMessage(failure));
            String message = "AIsa gateway error: the connection to " + where(request) + " failed: " + reason;
            return new AisaConnectionException(message, details(0, reason, failure), errors.safeCause(failure));
        }
        if (failure instanceof LangChain4jException || failure instanceof IllegalArgumentException) {
            return (RuntimeException) failure;
        }
        // anything else the transport threw is still this call's failure, typed so that a router can move on
        String reason = errors.redact(failure.getClass().getSimpleName() + ": " + rootMessage(failure));
        return new AisaConnectionException(
                "AIsa gateway error: the call to " + where(request) + " failed: " + reason,
                details(0, reason, failure),
                errors.safeCause(failure));
    }

    private AisaErrorDetails details(int status, String message, Throwable failure) {
        return new AisaErrorDetails(status, failure.getClass().getSimpleName(), null, message, null, null, null);
    }

    /** The call, for a message: its method and URL, redacted (a key put in a URL must not travel further). */
    private String where(HttpRequest request) {
        return errors.redact(describe(request));
    }

    private static String describe(HttpRequest request) {
        return request.method() + " " + request.url();
    }

    private static boolean hasCause(Throwable failure, Class<? extends Throwable> type) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (type.isInstance(cause)) {
                return true;
            }
            if (cause.getCause() == cause) {
                break;
            }
        }
        return false;
    }

    private static String rootMessage(Throwable failure) {
        Throwable root = failure;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    }

    private void logRequest(HttpRequest request) {
        if (logRequests) {
            log.info(
                    "AIsa HTTP request: {} {} headers={} body={}",
                    request.method(),
                    request.url(),
                    maskHeaders(request.headers()),
                    redactor.redact(request.body()));
        }
    }

    private void logResponse(SuccessfulHttpResponse response) {
        if (logResponses) {
            log.info(
                    "AIsa HTTP response: status={} headers={} body={}",
                    response.statusCode(),
                    maskHeaders(response.headers()),
                    redactor.redact(response.body()));
        }
    }

    private String maskHeaders(Map<String, List<String>> headers) {
        if (headers == null) {
            return "{}";
        }
        return headers.entrySet().stream()
                .map(entry -> entry.getKey() + "="
                        + (SECRET_HEADER.matcher(entry.getKey()).matches()
                                ? SecretRedactor.MASK
                                : redactor.redact(String.valueOf(entry.getValue()))))
                .collect(Collectors.joining(", ", "{", "}"));
    }
}

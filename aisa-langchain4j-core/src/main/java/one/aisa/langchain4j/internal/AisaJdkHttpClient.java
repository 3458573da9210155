package one.aisa.langchain4j.internal;

import dev.langchain4j.Internal;
import dev.langchain4j.exception.TimeoutException;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParser;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The default transport, on {@code java.net.http}. Written by hand instead of using LangChain4j's
 * {@code JdkHttpClient} because that one drops the response headers of an error (so {@code Retry-After} and
 * {@code x-request-id} are lost) and bounds only the wait for the response headers, not for the body.
 */
@Internal
public final class AisaJdkHttpClient implements HttpClient {

    /** Stream callbacks run here, never on the caller's thread, even when a response is already complete. */
    private static final Executor CALLBACKS = Executors.newCachedThreadPool(new ThreadFactory() {
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(Runnable runnable) {
            Thread thread = new Thread(runnable, "aisa-http-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        }
    });

    /**
     * One JDK client per connect timeout, shared by every model of the process: a JDK client is thread-safe and
     * pools connections per host, so models talking to the same gateway share one pool and one selector thread
     * instead of one each.
     */
    private static final Map<Duration, java.net.http.HttpClient> SHARED = new ConcurrentHashMap<>();

    private static final Duration NO_CONNECT_TIMEOUT = Duration.ZERO;

    private final Duration connectTimeout;
    private final Duration readTimeout;

    AisaJdkHttpClient(AisaJdkHttpClientBuilder builder) {
        this.connectTimeout = builder.connectTimeout() == null ? NO_CONNECT_TIMEOUT : builder.connectTimeout();
        this.readTimeout = builder.readTimeout();
    }

    /**
     * The shared client, built on first use: building a model opens nothing and pays no TLS set-up, which the
     * first call does (measured by StartupHarness as most of the starter's start-up cost).
     */
    private java.net.http.HttpClient delegate() {
        return SHARED.computeIfAbsent(connectTimeout, timeout -> {
            java.net.http.HttpClient.Builder jdkBuilder = java.net.http.HttpClient.newBuilder();
            if (!timeout.isZero()) {
                jdkBuilder.connectTimeout(timeout);
            }
            return jdkBuilder.build();
        });
    }

    /** How many JDK clients exist in this process (for tests). */
    static int sharedClients() {
        return SHARED.size();
    }

    public static AisaJdkHttpClientBuilder builder() {
        return new AisaJdkHttpClientBuilder();
    }

    @Override
    public SuccessfulHttpResponse execute(HttpRequest request) {
        // send(), not sendAsync().get(): on JDK 17 the async path hands every response to another thread, which
        // doubled the cost of a call on loopback (ChatCallBenchmark)
        HttpResponse<InputStream> response;
        try {
            response = delegate().send(toJdkRequest(request), BodyHandlers.ofInputStream());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the gateway", e);
        } catch (IOException e) {
            throw unwrap(e);
        }
        byte[] body = readBody(response);
        if (!isSuccessful(response.statusCode())) {
            throw new HttpStatusException(
                    response.statusCode(), response.headers().map(), new String(body, StandardCharsets.UTF_8));
        }
        return SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .body(body)
                .build();
    }

    /** Reads the whole body; a body that stalls longer than the read timeout is a timeout, not a hang. */
    private byte[] readBody(HttpResponse<InputStream> response) {
        InputStream raw = response.body();
        IdleTimeoutInputStream watched = readTimeout == null ? null : new IdleTimeoutInputStream(raw, readTimeout);
        try (InputStream body = watched == null ? raw : watched) {
            return readAll(
                    body, response.headers().firstValueAsLong("Content-Length").orElse(-1));
        } catch (IOException e) {
            if (watched != null && watched.timedOut()) {
                throw new TimeoutException("the response body stalled: no data for " + readTimeout.toMillis() + " ms");
            }
            throw unwrap(e);
        }
    }

    /**
     * The whole body, read into an array of the announced length when there is one ({@code readNBytes} fills it
     * in chunks, so a false length costs nothing up front): {@code readAllBytes} starts with an 8 to 16 KB buffer
     * and copies it, which was a third of what a blocking call allocated.
     */
    private static byte[] readAll(InputStream body, long contentLength) throws IOException {
        if (contentLength < 0 || contentLength > Integer.MAX_VALUE - 8) {
            return body.readAllBytes();
        }
        byte[] announced = body.readNBytes((int) contentLength);
        int next = announced.length == contentLength ? body.read() : -1;
        if (next < 0) {
            return announced;
        }
        // more than announced (no HTTP/1.1 server should send it): keep every byte
        java.io.ByteArrayOutputStream all = new java.io.ByteArrayOutputStream(announced.length * 2);
        all.write(announced);
        all.write(next);
        body.transferTo(all);
        return all.toByteArray();
    }

    @Override
    public void execute(HttpRequest request, ServerSentEventParser parser, ServerSentEventListener listener) {
        delegate()
                .sendAsync(toJdkRequest(request), BodyHandlers.ofInputStream())
                .whenCompleteAsync(
                        (response, failure) -> {
                            if (failure != null) {
                                listener.onError(
                                        unwrap(failure instanceof CompletionException ? failure.getCause() : failure));
                            } else {
                                stream(response, parser, listener);
                            }
                        },
                        CALLBACKS);
    }

    private void stream(
            HttpResponse<InputStream> response, ServerSentEventParser parser, ServerSentEventListener listener) {
        if (!isSuccessful(response.statusCode())) {
            listener.onError(new HttpStatusException(
                    response.statusCode(), response.headers().map(), readFully(response.body())));
            return;
        }
        String contentType = response.headers().firstValue("Content-Type").orElse("");
        if (contentType.contains("json") && !contentType.contains("event-stream")) {
            String body = readFully(response.body());
            com.fasterxml.jackson.databind.JsonNode json = Json.parseOrNull(body);
            if (json != null && ResponseInspector.isError(json)) {
                listener.onError(new HttpStatusException(
                        response.statusCode(), response.headers().map(), body));
                return;
            }
        }
        listener.onOpen(SuccessfulHttpResponse.builder()
                .statusCode(response.statusCode())
                .headers(response.headers().map())
                .build());
        InputStream body =
                readTimeout == null ? response.body() : new IdleTimeoutInputStream(response.body(), readTimeout);
        ServerSentEventListener watched = new StallAwareListener(
                listener, body instanceof IdleTimeoutInputStream idle ? idle : null, readTimeout);
        try (body) {
            parser.parse(body, watched);
            watched.onClose();
        } catch (IOException e) {
            watched.onError(new UncheckedIOException(e));
        }
    }

    /**
     * Reports a read that the idle watchdog cut off as a timeout rather than as a closed stream, and lets exactly
     * one of {@code onError} / {@code onClose} through (the parser reports a read failure and then returns).
     */
    private static final class StallAwareListener implements ServerSentEventListener {

        private final ServerSentEventListener delegate;
        private final IdleTimeoutInputStream body;
        private final Duration timeout;
        private final AtomicBoolean ended = new AtomicBoolean();

        StallAwareListener(ServerSentEventListener delegate, IdleTimeoutInputStream body, Duration timeout) {
            this.delegate = delegate;
            this.body = body;
            this.timeout = timeout;
        }

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            delegate.onOpen(response);
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            delegate.onEvent(event);
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            delegate.onEvent(event, context);
        }

        @Override
        public void onError(Throwable failure) {
            if (ended.compareAndSet(false, true)) {
                delegate.onError(stalled() ? stallTimeout() : failure);
            }
        }

        @Override
        public void onClose() {
            if (ended.compareAndSet(false, true)) {
                if (stalled()) {
                    delegate.onError(stallTimeout());
                } else {
                    delegate.onClose();
                }
            }
        }

        private boolean stalled() {
            return body != null && body.timedOut();
        }

        private TimeoutException stallTimeout() {
            return new TimeoutException("the stream stalled: no data for " + timeout.toMillis() + " ms");
        }
    }

    private static RuntimeException unwrap(Throwable failure) {
        if (failure instanceof HttpTimeoutException timeout) {
            return new TimeoutException(timeout.getMessage(), timeout);
        }
        if (failure instanceof IOException io) {
            return new UncheckedIOException(
                    io.getMessage() == null ? io.getClass().getSimpleName() : io.getMessage(), io);
        }
        if (failure instanceof RuntimeException runtime) {
            return runtime;
        }
        return new IllegalStateException(failure);
    }

    private java.net.http.HttpRequest toJdkRequest(HttpRequest request) {
        java.net.http.HttpRequest.Builder builder =
                java.net.http.HttpRequest.newBuilder().uri(URI.create(request.url()));
        request.headers().forEach((name, values) -> {
            if (values != null) {
                values.forEach(value -> builder.header(name, value));
            }
        });
        builder.method(
                request.method().name(),
                request.body() == null
                        ? java.net.http.HttpRequest.BodyPublishers.noBody()
                        : java.net.http.HttpRequest.BodyPublishers.ofString(request.body()));
        if (readTimeout != null) {
            builder.timeout(readTimeout);
        }
        return builder.build();
    }

    private static boolean isSuccessful(int statusCode) {
        return statusCode >= 200 && statusCode < 300;
    }

    private static String readFully(InputStream body) {
        try (body) {
            return new String(body.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}

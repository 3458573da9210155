package one.aisa.langchain4j.internal;

import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.onCompleteResponse;
import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.onCompleteToolCall;
import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.onPartialResponse;
import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.onPartialThinking;
import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.onPartialToolCall;
import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.onUnmappedRawEvent;
import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.withLoggingExceptions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.langchain4j.Internal;
import dev.langchain4j.http.client.HttpClient;
import dev.langchain4j.http.client.HttpRequest;
import dev.langchain4j.http.client.SuccessfulHttpResponse;
import dev.langchain4j.http.client.sse.DefaultServerSentEventParser;
import dev.langchain4j.http.client.sse.ServerSentEvent;
import dev.langchain4j.http.client.sse.ServerSentEventContext;
import dev.langchain4j.http.client.sse.ServerSentEventListener;
import dev.langchain4j.http.client.sse.ServerSentEventParsingHandle;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleSupplier;
import one.aisa.langchain4j.RetryPolicy;
import one.aisa.langchain4j.Sleeper;

/**
 * One streaming chat call, from the first request to the last callback. Written by hand rather than left to
 * {@code OpenAiStreamingChatModel} because, measured against real provider streams, that module ends an error
 * inside a 200 stream in {@code onCompleteResponse}, fails on parallel tool calls interleaved by index, and never
 * retries (langchain4j#681).
 *
 * <p>Rules: callbacks go to the handler in stream order, on the transport's thread; a failure before the first
 * partial (text, thinking or tool call) reached the user is retried under the retry policy, after it never; after
 * {@link StreamingHandle#cancel()} nothing more is delivered; exactly one of {@code onCompleteResponse} /
 * {@code onError} ends the call.
 */
@Internal
public final class StreamingCall implements StreamingHandle {

    private final HttpClient httpClient;
    private final HttpRequest request;
    private final StreamingChatResponseHandler handler;
    private final boolean returnThinking;
    private final Retrier retrier;
    private final GatewayErrors errors;

    private volatile boolean cancelled;
    private volatile Attempt current;
    private int retries;

    public StreamingCall(
            HttpClient httpClient,
            HttpRequest request,
            StreamingChatResponseHandler handler,
            boolean returnThinking,
            RetryPolicy retryPolicy,
            Sleeper sleeper,
            DoubleSupplier random,
            GatewayErrors errors) {
        this.httpClient = httpClient;
        this.request = request;
        this.handler = handler;
        this.returnThinking = returnThinking;
        this.retrier = new Retrier(retryPolicy, sleeper, random);
        this.errors = errors;
    }

    public void start() {
        Attempt attempt = new Attempt();
        current = attempt;
        httpClient.execute(request, new DefaultServerSentEventParser(), attempt);
    }

    @Override
    public void cancel() {
        cancelled = true;
        Attempt attempt = current;
        if (attempt != null) {
            attempt.stopParsing();
        }
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }

    /** Retries a failure that happened before anything reached the user; false when it may not be retried. */
    private boolean retry(RuntimeException failure) {
        if (cancelled || !retrier.waitToRetryStream(retries + 1, failure)) {
            return false;
        }
        retries++;
        if (cancelled) {
            return true;
        }
        start();
        return true;
    }

    /** Where one HTTP attempt is: nothing has reached the user yet, partials have, or it has ended. */
    private enum Phase {
        /** Nothing delivered: a failure may still be retried. */
        WAITING,
        /** A partial reached the user: a failure is surfaced, never retried. */
        DELIVERING,
        /** Completed or failed: nothing more is delivered. */
        ENDED
    }

    /**
     * The lifecycle of one HTTP attempt; its chunks go to a {@link StreamAccumulator}, and events of an abandoned
     * attempt never mix with the next one's.
     */
    private final class Attempt implements ServerSentEventListener, StreamAccumulator.Deltas {

        private final StreamAccumulator accumulator = new StreamAccumulator(returnThinking);
        private Map<String, List<String>> headers = Map.of();
        private volatile ServerSentEventParsingHandle parsingHandle;
        private Phase phase = Phase.WAITING;

        @Override
        public void onOpen(SuccessfulHttpResponse response) {
            headers = response.headers() == null ? Map.of() : response.headers();
        }

        @Override
        public void onEvent(ServerSentEvent event, ServerSentEventContext context) {
            parsingHandle = context.parsingHandle();
            onEvent(event);
        }

        @Override
        public void onEvent(ServerSentEvent event) {
            if (phase == Phase.ENDED) {
                return;
            }
            if (cancelled) {
                stopParsing();
                return;
            }
            String data = event.data() == null ? "" : event.data().strip();
            if (data.startsWith("[DONE]")) {
                complete();
                return;
            }
            if (data.isEmpty()) {
                return;
            }
            JsonNode chunk = Json.parseOrNull(data);
            if (chunk == null || !chunk.isContainerNode()) {
                fail(errors.unreadableChunk(headers, data));
                return;
            }
            JsonNode error = errorIn(event, chunk);
            if (error != null) {
                fail(errors.fromErrorInSuccessfulResponse(headers, error));
                return;
            }
            if (!accumulator.accept(chunk, this)) {
                onUnmappedRawEvent(handler, event);
            }
        }

        @Override
        public void onError(Throwable failure) {
            fail(failure instanceof RuntimeException runtime ? runtime : new IllegalStateException(failure));
        }

        @Override
        public void onClose() {
            if (accumulator.finished()) {
                complete();
            } else {
                fail(errors.truncatedStream(headers, accumulator.textLength()));
            }
        }

        @Override
        public void text(String text) {
            deliver(() -> onPartialResponse(handler, text, StreamingCall.this));
        }

        @Override
        public void thinking(String thinking) {
            deliver(() -> onPartialThinking(handler, thinking, StreamingCall.this));
        }

        @Override
        public void partialToolCall(PartialToolCall partial) {
            deliver(() -> onPartialToolCall(handler, partial, StreamingCall.this));
        }

        @Override
        public void completeToolCall(CompleteToolCall complete) {
            if (!cancelled) {
                onCompleteToolCall(handler, complete);
            }
        }

        private void deliver(Runnable callback) {
            if (!cancelled) {
                if (phase == Phase.WAITING) {
                    phase = Phase.DELIVERING;
                }
                callback.run();
            }
        }

        private void complete() {
            String nameless = accumulator.namelessCall();
            if (nameless != null) {
                fail(errors.malformedChunk(headers, nameless));
                return;
            }
            if (end() == Phase.ENDED || cancelled) {
                return;
            }
            onCompleteResponse(handler, accumulator.finish(this, headers, errors));
        }

        private void fail(RuntimeException failure) {
            Phase before = end();
            if (before == Phase.ENDED || cancelled) {
                return;
            }
            if (before == Phase.WAITING && retry(failure)) {
                return;
            }
            withLoggingExceptions(() -> handler.onError(failure));
        }

        /** The one move to {@link Phase#ENDED}: stops the parsing; returns the phase it ended from. */
        private Phase end() {
            Phase before = phase;
            if (before != Phase.ENDED) {
                phase = Phase.ENDED;
                stopParsing();
            }
            return before;
        }

        void stopParsing() {
            ServerSentEventParsingHandle handle = parsingHandle;
            if (handle != null && !handle.isCancelled()) {
                handle.cancel();
            }
        }
    }

    /**
     * The error an event carries, if any: {@code event: error}, a chunk with an {@code error} key and no choices,
     * vLLM's {@code "object":"error"}, or OpenRouter's {@code finish_reason: "error"}.
     */
    private static JsonNode errorIn(ServerSentEvent event, JsonNode chunk) {
        boolean finishedWithError =
                "error".equals(Json.text(chunk.path("choices").path(0), "finish_reason"));
        if ("error".equals(event.event()) || ResponseInspector.isError(chunk)) {
            return chunk;
        }
        if (finishedWithError || chunk.hasNonNull("error")) {
            if (chunk.hasNonNull("error")) {
                return chunk;
            }
            ObjectNode synthetic = JsonNodeFactory.instance.objectNode();
            synthetic
                    .putObject("error")
                    .put("code", "server_error")
                    .put("message", "the provider ended the stream with finish_reason \"error\"");
            return synthetic;
        }
        return null;
    }
}

package one.aisa.langchain4j.cache;

import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.withLoggingExceptions;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The leader's handler on a miss: passes every callback on as it comes (with its context, so cancelling works),
 * writes down the pieces of text, and stores the answer only when the stream completes cleanly. However the stream
 * ends (completed, failed, or cancelled by the caller), the flight lands, so that those waiting go on.
 */
final class RecordingHandler implements StreamingChatResponseHandler {

    private final StreamingChatResponseHandler handler;
    private final SingleFlight.Flight flight;
    private final Consumer<CachedAnswer> store;
    private final Clock clock;
    private final List<String> pieces = new CopyOnWriteArrayList<>();

    RecordingHandler(
            StreamingChatResponseHandler handler,
            SingleFlight.Flight flight,
            Consumer<CachedAnswer> store,
            Clock clock) {
        this.handler = handler;
        this.flight = flight;
        this.store = store;
        this.clock = clock;
    }

    @Override
    public void onPartialResponse(String partialResponse) {
        pieces.add(partialResponse);
        handler.onPartialResponse(partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        pieces.add(partialResponse.text());
        handler.onPartialResponse(partialResponse, new PartialResponseContext(landing(context.streamingHandle())));
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
        handler.onPartialThinking(partialThinking);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
        handler.onPartialThinking(partialThinking, new PartialThinkingContext(landing(context.streamingHandle())));
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
        handler.onPartialToolCall(partialToolCall);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
        handler.onPartialToolCall(partialToolCall, new PartialToolCallContext(landing(context.streamingHandle())));
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
        handler.onCompleteToolCall(completeToolCall);
    }

    @Override
    public void onUnmappedRawEvent(Object rawEvent) {
        handler.onUnmappedRawEvent(rawEvent);
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        try {
            if (CachedAnswers.storable(completeResponse)) {
                String text = completeResponse.aiMessage().text();
                // the pieces are replayed only when they add up to the answer; else it replays as one piece
                boolean whole = (text == null ? "" : text).equals(String.join("", pieces));
                store.accept(CachedAnswers.stored(completeResponse, whole ? pieces : List.of(), clock));
            }
        } finally {
            // landed before the caller hears the end, so that no request that follows joins a finished flight
            flight.land();
        }
        withLoggingExceptions(() -> handler.onCompleteResponse(completeResponse));
    }

    @Override
    public void onError(Throwable error) {
        flight.land();
        withLoggingExceptions(() -> handler.onError(error));
    }

    /** The stream's handle, landing the flight when the caller cancels: no completion will follow. */
    private StreamingHandle landing(StreamingHandle streamingHandle) {
        return new StreamingHandle() {
            @Override
            public void cancel() {
                try {
                    streamingHandle.cancel();
                } finally {
                    flight.land();
                }
            }

            @Override
            public boolean isCancelled() {
                return streamingHandle.isCancelled();
            }
        };
    }
}

package one.aisa.langchain4j.cache;

import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.withLoggingExceptions;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import one.aisa.langchain4j.internal.ForwardingStreamingHandler;

/**
 * The leader's handler on a miss: passes every callback on as it comes (with its context, so cancelling works),
 * writes down the pieces of text, and stores the answer only when the stream completes cleanly. However the stream
 * ends (completed, failed, or cancelled by the caller), the flight lands, so that those waiting go on.
 */
final class RecordingHandler extends ForwardingStreamingHandler {

    private final SingleFlight.Flight flight;
    private final Consumer<CachedAnswer> store;
    private final Clock clock;
    private final List<String> pieces = new CopyOnWriteArrayList<>();

    RecordingHandler(
            StreamingChatResponseHandler handler,
            SingleFlight.Flight flight,
            Consumer<CachedAnswer> store,
            Clock clock) {
        super(handler);
        this.flight = flight;
        this.store = store;
        this.clock = clock;
    }

    @Override
    protected void partial(String text) {
        if (text != null) {
            pieces.add(text);
        }
    }

    /** The caller cancelled: no completion will follow, so the flight lands now. */
    @Override
    protected void cancelled() {
        flight.land();
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
}

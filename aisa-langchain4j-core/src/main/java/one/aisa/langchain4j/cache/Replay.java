package one.aisa.langchain4j.cache;

import static dev.langchain4j.internal.InternalStreamingChatResponseHandlerUtils.withLoggingExceptions;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.chat.response.StreamingHandle;
import java.util.List;

/**
 * A stored answer played to a streaming handler, on the caller's thread: thinking, the text in its original
 * pieces, each tool call whole, then the complete response. A handler that cancels through its
 * {@code StreamingHandle} stops the replay; one that throws gets {@code onError}, as from a live stream.
 */
final class Replay implements StreamingHandle {

    private final List<String> pieces;
    private final ChatResponse served;
    private volatile boolean cancelled;

    private Replay(List<String> pieces, ChatResponse served) {
        this.pieces = pieces;
        this.served = served;
    }

    static Replay of(CachedAnswer answer, ChatResponse served) {
        String text = served.aiMessage().text();
        List<String> pieces = !answer.partials().isEmpty()
                ? answer.partials()
                : text == null || text.isEmpty() ? List.of() : List.of(text);
        return new Replay(pieces, served);
    }

    void to(StreamingChatResponseHandler handler) {
        AiMessage message = served.aiMessage();
        if (message.thinking() != null && !message.thinking().isEmpty()) {
            PartialThinking thinking = new PartialThinking(message.thinking());
            if (!deliver(handler, () -> handler.onPartialThinking(thinking, new PartialThinkingContext(this)))) {
                return;
            }
        }
        for (String piece : pieces) {
            PartialResponse partial = new PartialResponse(piece);
            if (!deliver(handler, () -> handler.onPartialResponse(partial, new PartialResponseContext(this)))) {
                return;
            }
        }
        List<ToolExecutionRequest> calls = message.toolExecutionRequests();
        for (int index = 0; index < calls.size(); index++) {
            CompleteToolCall call = new CompleteToolCall(index, calls.get(index));
            if (!deliver(handler, () -> handler.onCompleteToolCall(call))) {
                return;
            }
        }
        if (!cancelled) {
            withLoggingExceptions(() -> handler.onCompleteResponse(served));
        }
    }

    /** One callback; false when the replay must stop: cancelled, or the handler threw (it then hears onError). */
    private boolean deliver(StreamingChatResponseHandler handler, Runnable callback) {
        if (cancelled) {
            return false;
        }
        try {
            callback.run();
            return true;
        } catch (RuntimeException failure) {
            withLoggingExceptions(() -> handler.onError(failure));
            return false;
        }
    }

    @Override
    public void cancel() {
        cancelled = true;
    }

    @Override
    public boolean isCancelled() {
        return cancelled;
    }
}

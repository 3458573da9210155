package one.aisa.langchain4j.internal;

import dev.langchain4j.Internal;
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

/**
 * A handler that passes every callback on to the caller's, each with its context (so the caller's cancel still
 * reaches the stream), and lets a layer watch the stream go by: each partial as it passes, and a cancel, after which
 * no completion or error follows. A layer overrides the hooks it needs and the two ends.
 */
@Internal
public abstract class ForwardingStreamingHandler implements StreamingChatResponseHandler {

    protected final StreamingChatResponseHandler handler;

    protected ForwardingStreamingHandler(StreamingChatResponseHandler handler) {
        this.handler = handler;
    }

    /** A partial is passing to the caller: text (its {@code text}), or thinking or a tool call's part (null). */
    protected void partial(String text) {}

    /** The caller cancelled the stream: nothing more will come. */
    protected void cancelled() {}

    @Override
    public void onPartialResponse(String partialResponse) {
        partial(partialResponse);
        handler.onPartialResponse(partialResponse);
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        partial(partialResponse.text());
        handler.onPartialResponse(partialResponse, new PartialResponseContext(watched(context.streamingHandle())));
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
        partial(null);
        handler.onPartialThinking(partialThinking);
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
        partial(null);
        handler.onPartialThinking(partialThinking, new PartialThinkingContext(watched(context.streamingHandle())));
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
        partial(null);
        handler.onPartialToolCall(partialToolCall);
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
        partial(null);
        handler.onPartialToolCall(partialToolCall, new PartialToolCallContext(watched(context.streamingHandle())));
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
        handler.onCompleteResponse(completeResponse);
    }

    @Override
    public void onError(Throwable error) {
        handler.onError(error);
    }

    /** The stream's handle, telling {@link #cancelled()} when the caller cancels through it. */
    private StreamingHandle watched(StreamingHandle streamingHandle) {
        return new StreamingHandle() {
            @Override
            public void cancel() {
                try {
                    streamingHandle.cancel();
                } finally {
                    cancelled();
                }
            }

            @Override
            public boolean isCancelled() {
                return streamingHandle.isCancelled();
            }
        };
    }
}

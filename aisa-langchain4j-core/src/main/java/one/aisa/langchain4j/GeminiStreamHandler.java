package one.aisa.langchain4j;

import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.CompleteToolCall;
import dev.langchain4j.model.chat.response.PartialResponse;
import dev.langchain4j.model.chat.response.PartialResponseContext;
import dev.langchain4j.model.chat.response.PartialThinking;
import dev.langchain4j.model.chat.response.PartialThinkingContext;
import dev.langchain4j.model.chat.response.PartialToolCall;
import dev.langchain4j.model.chat.response.PartialToolCallContext;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import one.aisa.langchain4j.internal.GeminiExchange;

/**
 * What {@code langchain4j-google-ai-gemini} reports of one attempt, passed to the caller's handler with every
 * context (so {@code StreamingHandle.cancel()} works) while the attempt is live; its complete answer gets the
 * exchange's metadata, and its errors go to the call, which decides between a retry and the one error.
 */
abstract class GeminiStreamHandler implements StreamingChatResponseHandler {

    private final StreamingChatResponseHandler handler;
    private final GeminiExchange exchange;

    GeminiStreamHandler(StreamingChatResponseHandler handler, GeminiExchange exchange) {
        this.handler = handler;
        this.exchange = exchange;
    }

    /** Whether this attempt may still talk to the caller. */
    abstract boolean live();

    /** Something reached the caller: a later failure is no longer retried. */
    abstract void delivered();

    abstract void complete(ChatResponse response);

    abstract void failed(Throwable failure);

    @Override
    public void onPartialResponse(String partialResponse) {
        if (live()) {
            delivered();
            handler.onPartialResponse(partialResponse);
        }
    }

    @Override
    public void onPartialResponse(PartialResponse partialResponse, PartialResponseContext context) {
        if (live()) {
            delivered();
            handler.onPartialResponse(partialResponse, context);
        }
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking) {
        if (live()) {
            delivered();
            handler.onPartialThinking(partialThinking);
        }
    }

    @Override
    public void onPartialThinking(PartialThinking partialThinking, PartialThinkingContext context) {
        if (live()) {
            delivered();
            handler.onPartialThinking(partialThinking, context);
        }
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall) {
        if (live()) {
            delivered();
            handler.onPartialToolCall(partialToolCall);
        }
    }

    @Override
    public void onPartialToolCall(PartialToolCall partialToolCall, PartialToolCallContext context) {
        if (live()) {
            delivered();
            handler.onPartialToolCall(partialToolCall, context);
        }
    }

    @Override
    public void onCompleteToolCall(CompleteToolCall completeToolCall) {
        if (live()) {
            delivered();
            handler.onCompleteToolCall(completeToolCall);
        }
    }

    @Override
    public void onCompleteResponse(ChatResponse completeResponse) {
        if (live()) {
            complete(exchange.complete(completeResponse));
        }
    }

    @Override
    public void onError(Throwable error) {
        failed(error);
    }
}

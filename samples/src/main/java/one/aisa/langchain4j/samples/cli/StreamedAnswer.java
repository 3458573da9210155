package one.aisa.langchain4j.samples.cli;

import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/** One streamed chat as a future: each piece of text goes to a consumer as it comes, then the complete answer. */
final class StreamedAnswer {

    private StreamedAnswer() {}

    /** Starts the stream; the future completes with the answer or with the stream's error. Callers choose the wait. */
    static CompletableFuture<ChatResponse> start(
            StreamingChatModel model, List<ChatMessage> messages, Consumer<String> partials) {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(messages, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                partials.accept(partialResponse);
            }

            @Override
            public void onCompleteResponse(ChatResponse completeResponse) {
                done.complete(completeResponse);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return done;
    }
}

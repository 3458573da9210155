package one.aisa.langchain4j.spring;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Streams one prompt and waits for its end, for tests of the streaming beans. */
public final class Streams {

    private Streams() {}

    /**
     * The complete response; a stream that ends in {@code onError} throws an {@link ExecutionException} with the
     * error as its cause.
     */
    public static ChatResponse stream(StreamingChatModel model, String prompt)
            throws InterruptedException, ExecutionException, TimeoutException {
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(prompt, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {}

            @Override
            public void onCompleteResponse(ChatResponse response) {
                done.complete(response);
            }

            @Override
            public void onError(Throwable error) {
                done.completeExceptionally(error);
            }
        });
        return done.get(10, TimeUnit.SECONDS);
    }
}

package one.aisa.langchain4j.benchmarks.harness;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;

/**
 * Times one stream of a {@link StreamingChatModel} as its caller sees it, and checks that it delivered the whole
 * answer; the streaming harnesses' shared measuring code.
 */
final class StreamTimer {

    /**
     * One stream, in nanoseconds from the call: to the first partial, the last partial and the complete response.
     */
    record Sample(long firstPartial, long lastPartial, long complete, ChatResponse response) {

        /** The time from the first partial to the last, per gap between two of the {@code chunks} partials. */
        double perChunk(int chunks) {
            return (double) (lastPartial - firstPartial) / (chunks - 1);
        }
    }

    private StreamTimer() {}

    /**
     * Streams an answer to {@code "hi"}; fails unless both the partials and the complete response add up to
     * {@code answer}.
     */
    static Sample time(StreamingChatModel model, String answer) throws Exception {
        return time(model, "hi", answer);
    }

    /** Streams an answer to {@code prompt}; fails unless the partials and the complete response are {@code answer}. */
    static Sample time(StreamingChatModel model, String prompt, String answer) throws Exception {
        long start = System.nanoTime();
        long[] partials = {0, 0};
        StringBuilder streamed = new StringBuilder(answer.length());
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(prompt, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                long now = System.nanoTime() - start;
                if (partials[0] == 0) {
                    partials[0] = now;
                }
                partials[1] = now;
                streamed.append(partialResponse);
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
        ChatResponse response = done.get(30, TimeUnit.SECONDS);
        long complete = System.nanoTime() - start;
        String text = response.aiMessage().text();
        if (!answer.contentEquals(streamed) || !answer.equals(text)) {
            throw new IllegalStateException(model.getClass().getSimpleName() + " did not deliver the served answer:"
                    + "\n  partials: " + streamed + "\n  complete: " + text + "\n  served:   " + answer);
        }
        return new Sample(partials[0], partials[1], complete, response);
    }

    static double median(List<Sample> samples, ToDoubleFunction<Sample> value) {
        return percentile(samples, value, 0.5);
    }

    /** The value at rank {@code floor(p * n)} of the sorted values. */
    static double percentile(List<Sample> samples, ToDoubleFunction<Sample> value, double p) {
        double[] sorted = samples.stream().mapToDouble(value).toArray();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}

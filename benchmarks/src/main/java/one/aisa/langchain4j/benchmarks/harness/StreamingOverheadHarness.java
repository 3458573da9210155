package one.aisa.langchain4j.benchmarks.harness;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.AisaStreamingChatModel;

/**
 * Time to first token and per-chunk overhead of {@link AisaStreamingChatModel} against LangChain4j's
 * {@link OpenAiStreamingChatModel}, over the same loopback SSE stream, in one run. Calls alternate between the two
 * clients so that both see the same machine state.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar one.aisa.langchain4j.benchmarks.harness.StreamingOverheadHarness}
 */
public final class StreamingOverheadHarness {

    private static final int CHUNKS = 200;
    private static final int WARM_UP = 300;
    private static final int MEASURED = 500;

    private StreamingOverheadHarness() {}

    public static void main(String[] args) throws Exception {
        try (SseServer server = new SseServer(CHUNKS)) {
            StreamingChatModel aisa = AisaStreamingChatModel.builder()
                    .apiKey("bench")
                    .baseUrl(server.baseUrl())
                    .modelName("gpt-4o-mini")
                    .build();
            StreamingChatModel openAi = OpenAiStreamingChatModel.builder()
                    .apiKey("bench")
                    .baseUrl(server.baseUrl())
                    .modelName("gpt-4o-mini")
                    .build();
            for (int i = 0; i < WARM_UP; i++) {
                time(aisa);
                time(openAi);
            }
            long[][] aisaTimes = new long[2][MEASURED];
            long[][] openAiTimes = new long[2][MEASURED];
            for (int i = 0; i < MEASURED; i++) {
                long[] a = time(aisa);
                long[] o = time(openAi);
                aisaTimes[0][i] = a[0];
                aisaTimes[1][i] = a[1];
                openAiTimes[0][i] = o[0];
                openAiTimes[1][i] = o[1];
            }
            report("AisaStreamingChatModel", aisaTimes);
            report("OpenAiStreamingChatModel", openAiTimes);
            double ttftRatio = median(aisaTimes[0]) / median(openAiTimes[0]);
            double chunkRatio = perChunk(aisaTimes) / perChunk(openAiTimes);
            System.out.printf(
                    "java %s, %d chunks per stream, %d streams each: TTFT ratio %.2f, per-chunk ratio %.2f%n",
                    System.getProperty("java.version"), CHUNKS, MEASURED, ttftRatio, chunkRatio);
        }
    }

    /** Nanoseconds to the first partial and to the complete response. */
    private static long[] time(StreamingChatModel model) throws Exception {
        long start = System.nanoTime();
        long[] firstToken = {0};
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat("hi", new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                if (firstToken[0] == 0) {
                    firstToken[0] = System.nanoTime() - start;
                }
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
        if (!response.aiMessage().text().endsWith("word" + CHUNKS)) {
            throw new IllegalStateException(
                    "incomplete stream: " + response.aiMessage().text());
        }
        return new long[] {firstToken[0], System.nanoTime() - start};
    }

    private static void report(String name, long[][] times) {
        System.out.printf(
                "%-26s TTFT median %7.1f µs p90 %7.1f µs | whole stream median %8.1f µs | per chunk %5.2f µs%n",
                name,
                median(times[0]) / 1000,
                percentile(times[0], 0.9) / 1000,
                median(times[1]) / 1000,
                perChunk(times) / 1000);
    }

    /** (whole stream - time to first token) / chunks, on medians. */
    private static double perChunk(long[][] times) {
        return (median(times[1]) - median(times[0])) / (CHUNKS - 1);
    }

    private static double median(long[] values) {
        return percentile(values, 0.5);
    }

    private static double percentile(long[] values, double p) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[(int) Math.min(sorted.length - 1, Math.floor(p * sorted.length))];
    }
}

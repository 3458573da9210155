package one.aisa.langchain4j.benchmarks.harness;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.openai.OpenAiStreamingChatModel;
import java.util.ArrayList;
import java.util.List;
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
                StreamTimer.time(aisa, server.answer());
                StreamTimer.time(openAi, server.answer());
            }
            List<StreamTimer.Sample> aisaTimes = new ArrayList<>();
            List<StreamTimer.Sample> openAiTimes = new ArrayList<>();
            for (int i = 0; i < MEASURED; i++) {
                aisaTimes.add(StreamTimer.time(aisa, server.answer()));
                openAiTimes.add(StreamTimer.time(openAi, server.answer()));
            }
            report("AisaStreamingChatModel", aisaTimes);
            report("OpenAiStreamingChatModel", openAiTimes);
            double ttftRatio = StreamTimer.median(aisaTimes, StreamTimer.Sample::firstPartial)
                    / StreamTimer.median(openAiTimes, StreamTimer.Sample::firstPartial);
            double chunkRatio = perChunk(aisaTimes) / perChunk(openAiTimes);
            System.out.printf(
                    "java %s, %d chunks per stream, %d streams each: TTFT ratio %.2f, per-chunk ratio %.2f%n",
                    System.getProperty("java.version"), CHUNKS, MEASURED, ttftRatio, chunkRatio);
        }
    }

    private static void report(String name, List<StreamTimer.Sample> times) {
        System.out.printf(
                "%-26s TTFT median %7.1f µs p90 %7.1f µs | whole stream median %8.1f µs | per chunk %5.2f µs%n",
                name,
                StreamTimer.median(times, StreamTimer.Sample::firstPartial) / 1000,
                StreamTimer.percentile(times, StreamTimer.Sample::firstPartial, 0.9) / 1000,
                StreamTimer.median(times, StreamTimer.Sample::complete) / 1000,
                perChunk(times) / 1000);
    }

    /** (whole stream - time to first token) / chunks, on medians. */
    private static double perChunk(List<StreamTimer.Sample> times) {
        return (StreamTimer.median(times, StreamTimer.Sample::complete)
                        - StreamTimer.median(times, StreamTimer.Sample::firstPartial))
                / (CHUNKS - 1);
    }
}

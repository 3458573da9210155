package one.aisa.langchain4j.benchmarks.harness;

import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.output.TokenUsage;
import java.util.ArrayList;
import java.util.List;
import one.aisa.langchain4j.AisaGeminiStreamingChatModel;
import one.aisa.langchain4j.AisaStreamingChatModel;

/**
 * Time to first token, cost per chunk and allocation per stream of {@link AisaGeminiStreamingChatModel} (Gemini's
 * native route) against {@link AisaStreamingChatModel} (the OpenAI-compatible route), on the same answer in the same
 * number of pieces, served by one loopback {@link SseServer} in each route's own format. The two clients take turns,
 * the first of each round alternating, so that both see the same machine state.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar
 * one.aisa.langchain4j.benchmarks.harness.GeminiStreamingHarness [measured rounds] [warm-up rounds] [streams per
 * allocation block]}
 */
public final class GeminiStreamingHarness {

    private static final int CHUNKS = 200;

    private GeminiStreamingHarness() {}

    /** One client under test, and its measured streams. */
    private record Client(String name, StreamingChatModel model, List<StreamTimer.Sample> samples) {

        Client(String name, StreamingChatModel model) {
            this(name, model, new ArrayList<>());
        }
    }

    public static void main(String[] args) throws Exception {
        int measured = args.length > 0 ? Integer.parseInt(args[0]) : 5000;
        int warmUp = args.length > 1 ? Integer.parseInt(args[1]) : 2000;
        int allocationStreams = args.length > 2 ? Integer.parseInt(args[2]) : 500;
        try (SseServer server = new SseServer(CHUNKS)) {
            String answer = server.answer();
            Client openAiRoute = new Client(
                    "AisaStreamingChatModel",
                    AisaStreamingChatModel.builder()
                            .apiKey("bench")
                            .baseUrl(server.baseUrl())
                            .modelName("gpt-4o-mini")
                            .build());
            Client gemini = new Client(
                    "AisaGeminiStreamingChatModel",
                    AisaGeminiStreamingChatModel.builder()
                            .apiKey("bench")
                            .baseUrl(server.geminiBaseUrl())
                            .modelName(SseServer.GEMINI_MODEL)
                            .build());
            checkUsage(openAiRoute, answer);
            checkUsage(gemini, answer);
            long started = System.nanoTime();
            rounds(warmUp, openAiRoute, gemini, answer, false);
            rounds(measured, openAiRoute, gemini, answer, true);
            AllocationMeter meter = new AllocationMeter(SseServer.THREAD_NAMES);
            String openAiAllocation = allocationPerStream(meter, openAiRoute, answer, allocationStreams);
            String geminiAllocation = allocationPerStream(meter, gemini, answer, allocationStreams);
            System.out.printf(
                    "java %s, %d chunks per stream, %d warm-up and %d measured streams per client, %d per allocation"
                            + " block (%s), %.0f s%n%n",
                    System.getProperty("java.version"),
                    CHUNKS,
                    warmUp,
                    measured,
                    allocationStreams,
                    meter.countsEndedThreads() ? "ended threads counted" : "live threads only",
                    (System.nanoTime() - started) / 1e9);
            printTable(openAiRoute, openAiAllocation, gemini, geminiAllocation);
        }
    }

    private static void printTable(
            Client openAiRoute, String openAiAllocation, Client gemini, String geminiAllocation) {
        System.out.println("| client | time to first token: median / p90 (µs) | per chunk: median (µs) |"
                + " whole stream: median (µs) | allocated per stream |");
        System.out.println("|---|---|---|---|---|");
        row(openAiRoute, openAiAllocation);
        row(gemini, geminiAllocation);
        System.out.printf(
                "| Gemini / OpenAI route | %.2f / %.2f | %.2f | %.2f | |%n",
                ratio(gemini, openAiRoute, Column.TTFT, 0.5),
                ratio(gemini, openAiRoute, Column.TTFT, 0.9),
                ratio(gemini, openAiRoute, Column.PER_CHUNK, 0.5),
                ratio(gemini, openAiRoute, Column.COMPLETE, 0.5));
    }

    /** The columns of a sample, in nanoseconds. */
    private enum Column {
        TTFT,
        PER_CHUNK,
        COMPLETE;

        double of(StreamTimer.Sample sample) {
            return switch (this) {
                case TTFT -> sample.firstPartial();
                case PER_CHUNK -> sample.perChunk(CHUNKS);
                case COMPLETE -> sample.complete();
            };
        }
    }

    private static void rounds(int rounds, Client first, Client second, String answer, boolean keep) throws Exception {
        for (int round = 0; round < rounds; round++) {
            boolean swap = round % 2 == 1;
            stream(swap ? second : first, answer, keep);
            stream(swap ? first : second, answer, keep);
        }
    }

    private static void stream(Client client, String answer, boolean keep) throws Exception {
        StreamTimer.Sample sample = StreamTimer.time(client.model(), answer);
        if (keep) {
            client.samples().add(sample);
        }
    }

    /** Fails unless the complete response carries the served usage: the format was read, not only its text. */
    private static void checkUsage(Client client, String answer) throws Exception {
        TokenUsage usage = StreamTimer.time(client.model(), answer).response().tokenUsage();
        if (usage == null || usage.outputTokenCount() == null || usage.outputTokenCount() != CHUNKS) {
            throw new IllegalStateException(client.name() + " did not read the served usage: " + usage);
        }
    }

    /** Streams of one client back to back, so that the work after one stream's end is counted with it. */
    private static String allocationPerStream(AllocationMeter meter, Client client, String answer, int streams)
            throws Exception {
        long threads = meter.threadsStarted();
        long bytes = meter.clientBytes();
        for (int i = 0; i < streams; i++) {
            StreamTimer.time(client.model(), answer);
        }
        double perStream = (meter.clientBytes() - bytes) / (double) streams;
        double threadsPerStream = (meter.threadsStarted() - threads) / (double) streams;
        return String.format("%.1f KB (%.2f threads started)", perStream / 1024, threadsPerStream);
    }

    private static void row(Client client, String allocation) {
        System.out.printf(
                "| %s | %,.0f / %,.0f | %.2f | %,.0f | %s |%n",
                client.name(),
                value(client, Column.TTFT, 0.5) / 1000,
                value(client, Column.TTFT, 0.9) / 1000,
                value(client, Column.PER_CHUNK, 0.5) / 1000,
                value(client, Column.COMPLETE, 0.5) / 1000,
                allocation);
    }

    private static double value(Client client, Column column, double p) {
        return StreamTimer.percentile(client.samples(), column::of, p);
    }

    private static double ratio(Client numerator, Client denominator, Column column, double p) {
        return value(numerator, column, p) / value(denominator, column, p);
    }
}

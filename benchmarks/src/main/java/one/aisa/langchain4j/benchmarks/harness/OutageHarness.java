package one.aisa.langchain4j.benchmarks.harness;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.routing.RoutingChatModel;

/**
 * What a hard outage of the primary model adds to each request, when a healthy fallback exists: our router before
 * and after the primary's circuit opens, against (a) a naive try-the-next-model loop and (b) the same loop over
 * {@code OpenAiChatModel} with its default retries. Two outages: connection refused, and HTTP 503.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar one.aisa.langchain4j.benchmarks.harness.OutageHarness}
 */
public final class OutageHarness {

    private static final int WARM_UP = 300;
    private static final int MEASURED = 300;
    private static final int SLOW_MEASURED = 3;

    private OutageHarness() {}

    public static void main(String[] args) throws Exception {
        try (JsonServer fallback = new JsonServer(200, JsonServer.ANSWER);
                JsonServer unavailable = new JsonServer(503, JsonServer.UNAVAILABLE)) {
            String refused = "http://127.0.0.1:" + closedPort() + "/v1";
            ChatModel fallbackModel = aisa(fallback.baseUrl(), "fallback");
            for (int i = 0; i < WARM_UP; i++) {
                fallbackModel.chat("hi");
            }
            double baseline = medianMicros(() -> fallbackModel, MEASURED);
            System.out.printf(
                    "java %s; healthy fallback alone: %.1f µs per request (median)%n",
                    System.getProperty("java.version"), baseline);
            System.out.println("| outage | client | added latency per request (median) |");
            System.out.println("|---|---|---|");
            for (String[] outage : List.of(
                    new String[] {"connection refused", refused}, new String[] {"HTTP 503", unavailable.baseUrl()})) {
                measure(outage[0], outage[1], fallback.baseUrl(), fallbackModel);
            }
        }
    }

    private static void measure(String outage, String primaryUrl, String fallbackUrl, ChatModel alone) {
        RoutingChatModel router = RoutingChatModel.builder()
                .models(aisa(primaryUrl, "primary"), aisa(fallbackUrl, "fallback"))
                .build();
        row(outage, "RoutingChatModel, first 3 calls (circuit still closed)", addedMicros(router, alone, 3));
        if (!router.health().get(0).state().equals("OPEN")) {
            throw new IllegalStateException("the primary's circuit should be open now: " + router.health());
        }
        for (int i = 0; i < WARM_UP; i++) {
            router.chat("hi");
        }
        row(outage, "RoutingChatModel, circuit open", addedMicros(router, alone, MEASURED));

        ChatModel naive = naiveLoop(
                OpenAiChatModel.builder()
                        .baseUrl(primaryUrl)
                        .apiKey("k")
                        .modelName("primary")
                        .maxRetries(0)
                        .build(),
                OpenAiChatModel.builder()
                        .baseUrl(fallbackUrl)
                        .apiKey("k")
                        .modelName("fallback")
                        .maxRetries(0)
                        .build());
        for (int i = 0; i < WARM_UP; i++) {
            naive.chat("hi");
        }
        row(outage, "(a) naive try-next loop", addedMicros(naive, alone, MEASURED));

        ChatModel withRetries = naiveLoop(
                OpenAiChatModel.builder()
                        .baseUrl(primaryUrl)
                        .apiKey("k")
                        .modelName("primary")
                        .build(),
                OpenAiChatModel.builder()
                        .baseUrl(fallbackUrl)
                        .apiKey("k")
                        .modelName("fallback")
                        .build());
        row(outage, "(b) same loop, OpenAiChatModel default retries", addedMicros(withRetries, alone, SLOW_MEASURED));
    }

    /** The seed's fallback: try each model in order, move on after any exception. */
    private static ChatModel naiveLoop(ChatModel... models) {
        return new ChatModel() {
            @Override
            public dev.langchain4j.model.chat.response.ChatResponse doChat(
                    dev.langchain4j.model.chat.request.ChatRequest request) {
                RuntimeException last = null;
                for (ChatModel model : models) {
                    try {
                        return model.chat(request);
                    } catch (RuntimeException e) {
                        last = e;
                    }
                }
                throw last;
            }
        };
    }

    private static ChatModel aisa(String baseUrl, String model) {
        return AisaChatModel.builder()
                .apiKey("k")
                .baseUrl(baseUrl)
                .modelName(model)
                .timeout(Duration.ofSeconds(10))
                .build();
    }

    private static void row(String outage, String client, double addedMicros) {
        String added = addedMicros >= 1000
                ? String.format("%.1f ms", addedMicros / 1000)
                : String.format("%.1f µs", addedMicros);
        System.out.printf("| %s | %s | %s |%n", outage, client, added);
    }

    /** Median over pairs of (a call through {@code client} - a call to the healthy model alone), in µs. */
    private static double addedMicros(ChatModel client, ChatModel alone, int pairs) {
        long[] differences = new long[pairs];
        for (int i = 0; i < pairs; i++) {
            long through = timeNanos(() -> client);
            differences[i] = through - timeNanos(() -> alone);
        }
        return median(differences) / 1000.0;
    }

    private static double medianMicros(Supplier<ChatModel> model, int calls) {
        long[] times = new long[calls];
        for (int i = 0; i < calls; i++) {
            times[i] = timeNanos(model);
        }
        return median(times) / 1000.0;
    }

    private static long timeNanos(Supplier<ChatModel> model) {
        long start = System.nanoTime();
        model.get().chat("hi");
        return System.nanoTime() - start;
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static int closedPort() throws java.io.IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }
}

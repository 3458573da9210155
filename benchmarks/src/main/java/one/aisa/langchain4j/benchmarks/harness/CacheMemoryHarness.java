package one.aisa.langchain4j.benchmarks.harness;

import com.sun.management.HotSpotDiagnosticMXBean;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.chat.response.StreamingChatResponseHandler;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.ref.Reference;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.AisaStreamingChatModel;
import one.aisa.langchain4j.benchmarks.CannedReplies;
import one.aisa.langchain4j.benchmarks.LoopbackGateway;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.cache.CachingStreamingChatModel;
import one.aisa.langchain4j.cache.InMemoryResponseCache;
import one.aisa.langchain4j.cache.ResponseCache;

/**
 * The heap an {@link InMemoryResponseCache} holds per entry, filled by real misses: N distinct questions through a
 * {@link CachingChatModel} over an {@link AisaChatModel} on the {@link LoopbackGateway} (a 536-character answer with
 * the gateway's usage, cost and credits), and through a {@link CachingStreamingChatModel} over an
 * {@link AisaStreamingChatModel} on an {@link SseServer} (the same answer in 100 pieces, which the cache keeps).
 * Each kind is measured twice over: the heap in use after full collections, before and after filling a new cache,
 * in several rounds; and a class histogram of the live objects, before and after, for where the bytes go.
 *
 * <p>Run: {@code java -cp benchmarks/target/benchmarks.jar one.aisa.langchain4j.benchmarks.harness.CacheMemoryHarness
 * [entries=10000] [rounds=3]}
 */
public final class CacheMemoryHarness {

    /** 100 words, 536 characters: a typical short chat answer. */
    private static final String ANSWER =
            "Paris in May is mild, between twelve and twenty degrees, with long evenings and"
                    + " the occasional shower, so pack a light jacket and an umbrella. Book the Louvre and the Eiffel Tower"
                    + " online at least a week ahead, because the timed tickets sell out early on weekends. A Navigo Easy"
                    + " card with a carnet of ten tickets covers the metro, buses and RER within the city. For food, avoid"
                    + " the streets right next to the big sights; walk two blocks away and the menus get better and"
                    + " cheaper. Most museums close one day a week, so check before you go.";

    /** Misses made first, in a cache then dropped, so that lazily made shared objects are there before measuring. */
    private static final int WARM_UP = 2_000;

    /**
     * The models' read timeout, waited out before every count. Each read of a body arms an idle watchdog task that
     * is cancelled but stays queued, with its 72 bytes, until the timeout has passed: at the default 60 s these
     * would be counted as the cache's (3 per blocking call, about one per piece of a stream).
     */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(1);

    /** Fills a cache with {@code entries} answers to distinct questions, each a miss. */
    private interface Filler {
        void fill(ResponseCache cache, int entries) throws Exception;
    }

    private CacheMemoryHarness() {}

    public static void main(String[] args) throws Exception {
        int entries = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        System.out.println(jvm());
        List<String> pieces = pieces(ANSWER);
        try (LoopbackGateway gateway = LoopbackGateway.start(CannedReplies.text(ANSWER));
                SseServer sse = new SseServer(pieces)) {
            ChatModel blocking = AisaChatModel.builder()
                    .baseUrl(gateway.baseUrl())
                    .apiKey("sk-aisa-benchmark-not-a-real-key")
                    .modelName("gpt-4o-mini")
                    .timeout(READ_TIMEOUT)
                    .build();
            StreamingChatModel streaming = AisaStreamingChatModel.builder()
                    .baseUrl(sse.baseUrl())
                    .apiKey("sk-aisa-benchmark-not-a-real-key")
                    .modelName("gpt-4o-mini")
                    .timeout(READ_TIMEOUT)
                    .build();
            measure("blocking answer", entries, rounds, (cache, count) -> {
                ChatModel caching =
                        CachingChatModel.builder().model(blocking).cache(cache).build();
                for (int i = 0; i < count; i++) {
                    check(caching.chat(UserMessage.from(question(i))), false);
                }
                check(caching.chat(UserMessage.from(question(0))), true);
            });
            measure("streamed answer, " + pieces.size() + " pieces", entries, rounds, (cache, count) -> {
                StreamingChatModel caching = CachingStreamingChatModel.builder()
                        .model(streaming)
                        .cache(cache)
                        .build();
                for (int i = 0; i < count; i++) {
                    check(StreamTimer.time(caching, question(i), ANSWER).response(), false);
                }
                int replayed = replayedPieces(caching, question(0));
                if (replayed != pieces.size()) {
                    throw new IllegalStateException("a hit replayed " + replayed + " pieces, not " + pieces.size());
                }
            });
        }
    }

    private static void measure(String kind, int entries, int rounds, Filler filler) throws Exception {
        filler.fill(cache(entries), Math.min(entries, WARM_UP));
        double[] perEntry = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            long before = settledHeapUsed();
            ResponseCache cache = cache(entries);
            filler.fill(cache, entries);
            long after = settledHeapUsed();
            checkSize(cache, entries);
            Reference.reachabilityFence(cache);
            perEntry[round] = (double) (after - before) / entries;
        }
        waitOutWatchdogs();
        Path before = ClassHistogram.liveToFile();
        ResponseCache cache = cache(entries);
        filler.fill(cache, entries);
        waitOutWatchdogs();
        ClassHistogram added = ClassHistogram.live().minus(ClassHistogram.read(before));
        checkSize(cache, entries);
        Reference.reachabilityFence(cache);

        System.out.printf(
                "%n### %s: %,d entries, %d characters%n%n"
                        + "heap in use after full GCs, per entry, each round: %s bytes (min %.0f, max %.0f)%n"
                        + "class histogram, live objects per entry: %.0f bytes%n%n",
                kind,
                entries,
                ANSWER.length(),
                Arrays.stream(perEntry)
                        .mapToObj(value -> String.format("%.0f", value))
                        .collect(Collectors.joining(", ")),
                Arrays.stream(perEntry).min().orElseThrow(),
                Arrays.stream(perEntry).max().orElseThrow(),
                (double) added.totalBytes() / entries);
        System.out.println(added.table(entries, 1.0));
    }

    private static long settledHeapUsed() throws InterruptedException {
        waitOutWatchdogs();
        return ClassHistogram.settledHeapUsed();
    }

    private static void waitOutWatchdogs() throws InterruptedException {
        Thread.sleep(READ_TIMEOUT.multipliedBy(2).toMillis());
    }

    private static ResponseCache cache(int entries) {
        return InMemoryResponseCache.builder().maxEntries(entries).build();
    }

    private static void checkSize(ResponseCache cache, int entries) {
        if (cache.estimatedSize() != entries) {
            throw new IllegalStateException("the cache holds " + cache.estimatedSize() + " entries, not " + entries);
        }
    }

    private static String question(int index) {
        return "Question " + index + ": what should we pack for a week in Paris in May?";
    }

    private static void check(ChatResponse response, boolean hit) {
        if (!ANSWER.equals(response.aiMessage().text())
                || !(response.metadata() instanceof AisaChatResponseMetadata metadata)
                || metadata.cost() == null
                || (metadata.cacheHit() != null) != hit) {
            throw new IllegalStateException("expected " + (hit ? "a hit" : "a miss") + ", got " + response);
        }
    }

    /** How many pieces a stream delivers (a hit's replay: on the caller's thread). */
    private static int replayedPieces(StreamingChatModel model, String prompt) throws Exception {
        AtomicInteger pieces = new AtomicInteger();
        CompletableFuture<ChatResponse> done = new CompletableFuture<>();
        model.chat(prompt, new StreamingChatResponseHandler() {
            @Override
            public void onPartialResponse(String partialResponse) {
                pieces.incrementAndGet();
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
        check(done.get(30, TimeUnit.SECONDS), true);
        return pieces.get();
    }

    /** The answer as a model streams it: word by word, each after the first with its leading space. */
    private static List<String> pieces(String answer) {
        List<String> pieces = new ArrayList<>();
        for (String word : answer.split(" ")) {
            pieces.add(pieces.isEmpty() ? word : " " + word);
        }
        return pieces;
    }

    private static String jvm() {
        HotSpotDiagnosticMXBean hotSpot = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        StringBuilder flags = new StringBuilder();
        for (String flag : List.of(
                "UseCompressedOops",
                "UseCompressedClassPointers",
                "UseCompactObjectHeaders",
                "ObjectAlignmentInBytes")) {
            try {
                flags.append(' ')
                        .append(flag)
                        .append('=')
                        .append(hotSpot.getVMOption(flag).getValue());
            } catch (IllegalArgumentException notInThisJvm) {
                // UseCompactObjectHeaders exists from JDK 24
            }
        }
        return String.format(
                "java %s (%s), GC %s, max heap %d MiB,%s",
                System.getProperty("java.version"),
                System.getProperty("java.vm.name"),
                ManagementFactory.getGarbageCollectorMXBeans().stream()
                        .map(GarbageCollectorMXBean::getName)
                        .collect(Collectors.joining(" + ")),
                Runtime.getRuntime().maxMemory() >> 20,
                flags);
    }
}

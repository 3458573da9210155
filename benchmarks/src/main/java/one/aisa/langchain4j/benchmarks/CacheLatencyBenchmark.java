package one.aisa.langchain4j.benchmarks;

import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.cache.InMemoryResponseCache;
import one.aisa.langchain4j.cache.ResponseCache;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A response-cache hit against a miss, through {@link CachingChatModel} over an {@code AisaChatModel} on the
 * {@link LoopbackGateway}: {@link #miss} is the HTTP call with the cache's work on top (key, lookup, store),
 * {@link #uncached} the same call without the cache, {@link #hit} the answer from memory.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
// As in ChatCallBenchmark: the HTTP path needs five 2 s iterations before its scores stop falling.
@Warmup(iterations = 5, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class CacheLatencyBenchmark {

    /** {@code question}: one user message; {@code conversation}: a system prompt, ten turns and two tools. */
    @Param({CacheFixture.QUESTION, CacheFixture.CONVERSATION})
    public String request;

    private CacheFixture fixture;
    private ResponseCache missCache;
    private CachingChatModel missing;
    private CachingChatModel hitting;

    @Setup(Level.Trial)
    public void start() throws IOException {
        fixture = CacheFixture.start(request);
        missCache = InMemoryResponseCache.builder().build();
        missing = fixture.caching(missCache);
        hitting = fixture.caching(InMemoryResponseCache.builder().build());
        fixture.miss(missing);
        missCache.invalidateAll();
        fixture.miss(missing);
        fixture.miss(hitting);
        fixture.hit(hitting);
        System.out.printf("%n%s: %d bytes of request body%n", request, fixture.requestBodyBytes());
    }

    @TearDown(Level.Trial)
    public void stop() {
        // the last call of each must still be what it was measured as
        missCache.invalidateAll();
        fixture.miss(missing);
        fixture.hit(hitting);
        fixture.close();
    }

    @Benchmark
    public ChatResponse uncached() {
        return fixture.model().chat(fixture.request());
    }

    /** Emptying a one-entry cache first is part of the score: well under a microsecond against the call's ~200. */
    @Benchmark
    public ChatResponse miss() {
        missCache.invalidateAll();
        return missing.chat(fixture.request());
    }

    @Benchmark
    public ChatResponse hit() {
        return hitting.chat(fixture.request());
    }
}

package one.aisa.langchain4j.benchmarks;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.reflect.Method;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.cache.CachedAnswer;
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
 * What a response-cache hit costs, step by step, against a bare Caffeine lookup: {@link #caffeineGetIfPresent} is
 * the floor (a cache of the same bounds, the key already made), {@link #responseCacheGet} our store on that key,
 * {@link #cacheKey} the request's key alone (canonical JSON and SHA-256), {@link #hit} the whole
 * {@code CachingChatModel.chat} a caller makes. The hit's stored answer is a real miss's, from the loopback gateway.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class CacheHitBenchmark {

    // CacheKeys is package-private: what it costs is measured through the very method the caching models call.
    private static final MethodHandle EXACT_KEY = keysMethod("exact");
    private static final MethodHandle IDENTITY = keysMethod("identity");

    /** {@code question}: one user message; {@code conversation}: a system prompt, ten turns and two tools. */
    @Param({CacheFixture.QUESTION, CacheFixture.CONVERSATION})
    public String request;

    private CacheFixture fixture;
    private CachingChatModel caching;
    private ResponseCache responseCache;
    private Cache<String, CachedAnswer> caffeine;
    private String identity;
    private ChatRequestParameters modelDefaults;
    private ChatRequest forModel;
    private String key;

    @Setup(Level.Trial)
    public void start() throws Throwable {
        fixture = CacheFixture.start(request);
        responseCache = InMemoryResponseCache.builder().build();
        caching = fixture.caching(responseCache);
        fixture.miss(caching);
        fixture.hit(caching);

        // the key's arguments as CachingChatModel.doChat has them, after ChatModel.chat merged its defaults in
        identity = (String) IDENTITY.invoke(fixture.model(), (String) null);
        modelDefaults = fixture.model().defaultRequestParameters();
        forModel = ChatRequest.builder()
                .messages(fixture.request().messages())
                .parameters(caching.defaultRequestParameters()
                        .overrideWith(fixture.request().parameters()))
                .build();
        key = cacheKey();
        CachedAnswer stored = responseCache
                .get(key)
                .orElseThrow(() -> new IllegalStateException("the measured key is not the one the hit used"));
        caffeine = Caffeine.newBuilder()
                .maximumSize(InMemoryResponseCache.DEFAULT_MAX_ENTRIES)
                .expireAfterWrite(InMemoryResponseCache.DEFAULT_TTL)
                .build();
        caffeine.put(key, stored);
    }

    @TearDown(Level.Trial)
    public void stop() {
        fixture.hit(caching);
        fixture.close();
    }

    @Benchmark
    public CachedAnswer caffeineGetIfPresent() {
        return caffeine.getIfPresent(key);
    }

    @Benchmark
    public Optional<CachedAnswer> responseCacheGet() {
        return responseCache.get(key);
    }

    @Benchmark
    public String cacheKey() throws Throwable {
        return (String) EXACT_KEY.invokeExact(identity, modelDefaults, forModel);
    }

    @Benchmark
    public ChatResponse hit() {
        return caching.chat(fixture.request());
    }

    private static MethodHandle keysMethod(String name) {
        try {
            Class<?> keys = Class.forName("one.aisa.langchain4j.cache.CacheKeys");
            for (Method method : keys.getDeclaredMethods()) {
                if (method.getName().equals(name)) {
                    method.setAccessible(true);
                    return MethodHandles.lookup().unreflect(method);
                }
            }
            throw new IllegalStateException("CacheKeys." + name + " not found");
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("CacheKeys." + name + " is not reachable", e);
        }
    }
}

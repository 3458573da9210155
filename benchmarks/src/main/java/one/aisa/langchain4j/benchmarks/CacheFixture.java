package one.aisa.langchain4j.benchmarks;

import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.io.IOException;
import java.math.BigDecimal;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.cache.ResponseCache;

/**
 * What the response-cache benchmarks share: a {@link LoopbackGateway} answering {@link CannedReplies#TEXT}, an
 * {@link AisaChatModel} on it (as {@code ChatCallBenchmark} builds it), a request of the shape asked for, and
 * caching models over that model whose misses and hits are checked to be what they say.
 */
final class CacheFixture implements AutoCloseable {

    /** {@link ChatRequests#question()}: one user message. */
    static final String QUESTION = "question";
    /** {@link ChatRequests#conversation()}: a system prompt, ten turns, two tools. */
    static final String CONVERSATION = "conversation";

    private final LoopbackGateway gateway;
    private final AisaChatModel model;
    private final ChatRequest request;

    private CacheFixture(LoopbackGateway gateway, ChatRequest request) {
        this.gateway = gateway;
        this.request = request;
        this.model = AisaChatModel.builder()
                .baseUrl(gateway.baseUrl())
                .apiKey("sk-aisa-benchmark-not-a-real-key")
                .modelName("gpt-4o-mini")
                .build();
    }

    static CacheFixture start(String shape) throws IOException {
        ChatRequest request =
                switch (shape) {
                    case QUESTION -> ChatRequests.question();
                    case CONVERSATION -> ChatRequests.conversation();
                    default -> throw new IllegalArgumentException("unknown request shape: " + shape);
                };
        return new CacheFixture(LoopbackGateway.start(CannedReplies.TEXT), request);
    }

    AisaChatModel model() {
        return model;
    }

    ChatRequest request() {
        return request;
    }

    /** The bytes of the request as the model sends it, for the report. */
    int requestBodyBytes() {
        return gateway.lastRequestBody().length;
    }

    /** A caching model over {@link #model()} on this cache. */
    CachingChatModel caching(ResponseCache cache) {
        return CachingChatModel.builder().model(model).cache(cache).build();
    }

    /** Calls {@code caching} once, checking that it is a miss: one HTTP call, a fresh answer with its cost. */
    ChatResponse miss(CachingChatModel caching) {
        long calls = gateway.calls();
        ChatResponse response = caching.chat(request);
        check(response, gateway.calls() == calls + 1 && metadata(response).cacheHit() == null, "a miss");
        return response;
    }

    /** Calls {@code caching} once, checking that it is a hit: no HTTP call, the stored answer marked as a hit. */
    ChatResponse hit(CachingChatModel caching) {
        long calls = gateway.calls();
        ChatResponse response = caching.chat(request);
        AisaChatResponseMetadata metadata = metadata(response);
        check(
                response,
                gateway.calls() == calls
                        && metadata.cacheHit() != null
                        && metadata.cacheHit().costSaved().signum() > 0
                        && BigDecimal.ZERO.compareTo(metadata.cost()) == 0,
                "a hit");
        return response;
    }

    private static AisaChatResponseMetadata metadata(ChatResponse response) {
        if (response.metadata() instanceof AisaChatResponseMetadata metadata) {
            return metadata;
        }
        throw new IllegalStateException("AIsa metadata missing: " + response.metadata());
    }

    private static void check(ChatResponse response, boolean asExpected, String expected) {
        if (!asExpected
                || !CannedReplies.TEXT_ANSWER.equals(response.aiMessage().text())) {
            throw new IllegalStateException("expected " + expected + ", got " + response);
        }
    }

    @Override
    public void close() {
        gateway.close();
    }
}

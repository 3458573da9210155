package one.aisa.langchain4j.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiTokenUsage;
import dev.langchain4j.model.output.FinishReason;
import io.lettuce.core.api.StatefulRedisConnection;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.CacheHit;
import one.aisa.langchain4j.cache.CachingChatModel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** One response cache for several instances, in a real redis-server. */
class RedisResponseCacheTest {

    private RealRedis redis;

    @BeforeEach
    void start() throws Exception {
        redis = new RealRedis();
    }

    @AfterEach
    void stop() throws Exception {
        redis.close();
    }

    /** A model answering with the AIsa metadata a real call carries, counting its calls. */
    static final class Model implements ChatModel {
        final AtomicInteger calls = new AtomicInteger();

        @Override
        public ChatResponse doChat(ChatRequest request) {
            calls.incrementAndGet();
            return ChatResponse.builder()
                    .aiMessage(AiMessage.from("Berlin."))
                    .metadata(AisaChatResponseMetadata.builder()
                            .id("chatcmpl-1")
                            .modelName("gpt-4o-mini")
                            .finishReason(FinishReason.STOP)
                            .tokenUsage(OpenAiTokenUsage.builder()
                                    .inputTokenCount(9)
                                    .outputTokenCount(2)
                                    .totalTokenCount(11)
                                    .build())
                            .cost(new BigDecimal("0.0012"))
                            .requestId("req_1")
                            .build())
                    .build();
        }
    }

    private ChatModel instance(Model model, StatefulRedisConnection<String, String> connection) {
        return CachingChatModel.builder()
                .model(model)
                .name("support-desk-model")
                .cache(RedisResponseCache.builder()
                        .connection(connection)
                        .keyPrefix("app")
                        .ttl(Duration.ofMinutes(10))
                        .timeout(Duration.ofMillis(500))
                        .build())
                .build();
    }

    @Test
    void an_answer_one_instance_stored_is_served_by_another_with_its_metadata() {
        Model first = new Model();
        Model second = new Model();
        StatefulRedisConnection<String, String> probe = redis.connect();

        instance(first, redis.connect()).chat("Capital of Germany?");
        ChatResponse served = instance(second, redis.connect())
                .chat(ChatRequest.builder()
                        .messages(dev.langchain4j.data.message.UserMessage.from("Capital of Germany?"))
                        .build());

        assertThat(second.calls).hasValue(0);
        assertThat(served.aiMessage().text()).isEqualTo("Berlin.");
        AisaChatResponseMetadata metadata = (AisaChatResponseMetadata) served.metadata();
        assertThat(metadata.cacheHit().kind()).isEqualTo(CacheHit.Kind.EXACT);
        assertThat(metadata.cacheHit().costSaved()).isEqualByComparingTo("0.0012");
        assertThat(metadata.tokenUsage().totalTokenCount()).isEqualTo(11);
        assertThat(metadata.finishReason()).isEqualTo(FinishReason.STOP);
        String key = probe.sync().keys("app:cache:*").get(0);
        assertThat(probe.sync().pttl(key)).as("stored with its time to live").isBetween(1L, 600_000L);
    }

    @Test
    void when_redis_is_down_calls_go_on_uncached() throws Exception {
        assumeTrue(redis.embedded(), "needs a Redis this test can stop");
        Model model = new Model();
        ChatModel cached = instance(model, redis.connect());
        redis.stop();

        cached.chat("Capital of Germany?");
        cached.chat("Capital of Germany?");

        assertThat(model.calls)
                .as("both calls answered, neither from the cache")
                .hasValue(2);
        redis.start();
    }
}

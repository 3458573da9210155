package one.aisa.langchain4j.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.agent.tool.ToolSpecification;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.SystemMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.request.DefaultChatRequestParameters;
import dev.langchain4j.model.chat.request.json.JsonObjectSchema;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.CacheHit;
import one.aisa.langchain4j.cache.CacheRequestParameters;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.cache.InMemoryResponseCache;
import org.junit.jupiter.api.Test;

/** The exact response cache over a blocking model, against the simulator: what is a hit, what is never stored. */
@AisaSimulatorTest
class CachingChatModelTest {

    static final String MODEL = "gpt-4o-mini";

    /** A clock the test moves. */
    static final class TestClock extends Clock {
        private Instant now = Instant.parse("2026-11-29T12:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public java.time.ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }

    private static ChatRequest ask(
            ChatRequestParameters parameters, dev.langchain4j.data.message.ChatMessage... messages) {
        return ChatRequest.builder().messages(messages).parameters(parameters).build();
    }

    private static ChatRequest ask(String question) {
        return ask(DefaultChatRequestParameters.EMPTY, UserMessage.from(question));
    }

    private static ToolSpecification weather(boolean cityFirst) {
        JsonObjectSchema.Builder schema = JsonObjectSchema.builder();
        if (cityFirst) {
            schema.addStringProperty("city").addStringProperty("unit");
        } else {
            schema.addStringProperty("unit").addStringProperty("city");
        }
        return ToolSpecification.builder()
                .name("get_weather")
                .parameters(schema.required("city").build())
                .build();
    }

    @Test
    void a_repeated_request_is_answered_from_the_cache_and_says_so(AisaSimulator simulator) {
        TestClock clock = new TestClock();
        ChatModel cached = CachingChatModel.builder()
                .model(simulator.chatModel(MODEL))
                .clock(clock)
                .build();

        ChatResponse first = cached.chat(ask("Capital of France?"));
        clock.advance(Duration.ofSeconds(42));
        ChatResponse second = cached.chat(ask("Capital of France?"));

        assertThat(simulator.chatRequests()).hasSize(1);
        assertThat(second.aiMessage()).isEqualTo(first.aiMessage());
        AisaChatResponseMetadata fresh = (AisaChatResponseMetadata) first.metadata();
        AisaChatResponseMetadata hit = (AisaChatResponseMetadata) second.metadata();
        assertThat(fresh.cacheHit()).isNull();
        assertThat(hit.cacheHit().kind()).isEqualTo(CacheHit.Kind.EXACT);
        assertThat(hit.cacheHit().age()).isEqualTo(Duration.ofSeconds(42));
        assertThat(hit.cacheHit().costSaved()).isPositive().isEqualByComparingTo(fresh.cost());
        assertThat(hit.cost()).isEqualByComparingTo(BigDecimal.ZERO);
        assertThat(hit.modelName()).isEqualTo(fresh.modelName());
    }

    @Test
    void the_key_ignores_json_field_order_but_not_the_system_prompt_tools_or_parameters(AisaSimulator simulator) {
        ChatModel cached =
                CachingChatModel.builder().model(simulator.chatModel(MODEL)).build();
        ToolExecutionRequest call = ToolExecutionRequest.builder()
                .id("call_1")
                .name("get_weather")
                .arguments("{\"city\":\"Paris\",\"unit\":\"celsius\"}")
                .build();
        ToolExecutionRequest sameCallReordered = ToolExecutionRequest.builder()
                .id("call_1")
                .name("get_weather")
                .arguments("{\"unit\": \"celsius\", \"city\": \"Paris\"}")
                .build();
        ChatRequestParameters tools = DefaultChatRequestParameters.builder()
                .toolSpecifications(weather(true))
                .build();
        ChatRequestParameters toolsReordered = DefaultChatRequestParameters.builder()
                .toolSpecifications(weather(false))
                .build();

        cached.chat(ask(
                tools,
                UserMessage.from("Weather?"),
                AiMessage.from(call),
                ToolExecutionResultMessage.from(call, "sunny")));
        cached.chat(ask(
                toolsReordered,
                UserMessage.from("Weather?"),
                AiMessage.from(sameCallReordered),
                ToolExecutionResultMessage.from(sameCallReordered, "sunny")));
        assertThat(simulator.chatRequests())
                .as("the same request in another field order")
                .hasSize(1);

        cached.chat(
                ask(DefaultChatRequestParameters.EMPTY, SystemMessage.from("Be terse."), UserMessage.from("Weather?")));
        cached.chat(
                ask(DefaultChatRequestParameters.EMPTY, SystemMessage.from("Be kind."), UserMessage.from("Weather?")));
        assertThat(simulator.chatRequests()).as("another system prompt").hasSize(3);

        cached.chat(ask(tools, UserMessage.from("Weather now?")));
        cached.chat(ask(
                DefaultChatRequestParameters.builder()
                        .toolSpecifications(
                                weather(true).toBuilder().description("Weather").build())
                        .build(),
                UserMessage.from("Weather now?")));
        assertThat(simulator.chatRequests()).as("another tool").hasSize(5);

        cached.chat(ask(DefaultChatRequestParameters.builder().temperature(0.2).build(), UserMessage.from("Hi")));
        cached.chat(ask(DefaultChatRequestParameters.builder().temperature(0.9).build(), UserMessage.from("Hi")));
        cached.chat(ask(DefaultChatRequestParameters.builder().temperature(0.9).build(), UserMessage.from("Hi")));
        assertThat(simulator.chatRequests())
                .as("another temperature, then the same one")
                .hasSize(7);
    }

    @Test
    void another_model_or_other_model_defaults_never_share_an_answer(AisaSimulator simulator) {
        InMemoryResponseCache shared = InMemoryResponseCache.builder().build();
        ChatModel mini = CachingChatModel.builder()
                .model(simulator.chatModel(MODEL))
                .cache(shared)
                .build();
        ChatModel claude = CachingChatModel.builder()
                .model(simulator.chatModel("claude-haiku-4-5"))
                .cache(shared)
                .build();
        ChatModel hot = CachingChatModel.builder()
                .model(simulator.chatModelBuilder(MODEL).temperature(1.5).build())
                .cache(shared)
                .build();
        ChatModel sameAsMini = CachingChatModel.builder()
                .model(simulator.chatModel(MODEL))
                .cache(shared)
                .build();

        mini.chat(ask("Hello"));
        claude.chat(ask("Hello"));
        hot.chat(ask("Hello"));
        ChatResponse again = sameAsMini.chat(ask("Hello"));

        assertThat(simulator.chatRequests()).hasSize(3);
        assertThat(((AisaChatResponseMetadata) again.metadata()).cacheHit()).isNotNull();
    }

    @Test
    void errors_and_requests_marked_no_cache_are_not_stored(AisaSimulator simulator) {
        ChatModel cached = CachingChatModel.builder()
                .model(SimulatorTestSupport.noRetry(simulator, MODEL))
                .build();
        simulator.failNext(MODEL, 1, SimulatedFault.status(500));

        assertThatThrownBy(() -> cached.chat(ask("Flaky?"))).isInstanceOf(RuntimeException.class);
        cached.chat(ask("Flaky?"));
        cached.chat(ask("Flaky?"));
        assertThat(simulator.chatRequests())
                .as("the error was not stored, the answer was")
                .hasSize(2);

        ChatRequestParameters noCache =
                CacheRequestParameters.builder().noCache(true).build();
        ChatResponse skipped = cached.chat(ask(noCache, UserMessage.from("Flaky?")));
        cached.chat(ask(noCache, UserMessage.from("Fresh each time")));
        cached.chat(ask(noCache, UserMessage.from("Fresh each time")));
        assertThat(simulator.chatRequests()).hasSize(5);
        assertThat(((AisaChatResponseMetadata) skipped.metadata()).cacheHit()).isNull();
        assertThat(simulator.chatRequests().get(4).body().has("no_cache")).isFalse();
    }

    @Test
    void an_entry_expires_after_its_time_to_live(AisaSimulator simulator) {
        TestClock clock = new TestClock();
        ChatModel cached = CachingChatModel.builder()
                .model(simulator.chatModel(MODEL))
                .cache(InMemoryResponseCache.builder()
                        .ttl(Duration.ofMinutes(10))
                        .clock(clock)
                        .build())
                .clock(clock)
                .build();

        cached.chat(ask("Capital of Italy?"));
        clock.advance(Duration.ofMinutes(9));
        cached.chat(ask("Capital of Italy?"));
        assertThat(simulator.chatRequests()).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        cached.chat(ask("Capital of Italy?"));
        assertThat(simulator.chatRequests()).hasSize(2);
    }

    @Test
    void a_hundred_identical_requests_at_once_make_one_call(AisaSimulator simulator) throws Exception {
        simulator.failNext(MODEL, 1, SimulatedFault.latency(Duration.ofMillis(300)));
        ChatModel cached =
                CachingChatModel.builder().model(simulator.chatModel(MODEL)).build();
        ExecutorService pool = Executors.newFixedThreadPool(100);
        try {
            List<Callable<ChatResponse>> calls = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                calls.add(() -> cached.chat(ask("The same question")));
            }
            List<ChatResponse> answers = new ArrayList<>();
            for (Future<ChatResponse> future : pool.invokeAll(calls)) {
                answers.add(future.get());
            }

            assertThat(simulator.chatRequests()).hasSize(1);
            assertThat(answers)
                    .extracting(answer -> answer.aiMessage().text())
                    .containsOnly(answers.get(0).aiMessage().text());
            assertThat(answers)
                    .filteredOn(answer -> ((AisaChatResponseMetadata) answer.metadata()).cacheHit() == null)
                    .hasSize(1);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void the_cost_tracker_counts_a_hit_and_the_usd_it_saved_not_a_call(AisaSimulator simulator) {
        one.aisa.langchain4j.cost.CostTracker tracker = new one.aisa.langchain4j.cost.CostTracker();
        ChatModel cached = CachingChatModel.builder()
                .model(simulator.chatModel(MODEL))
                .listeners(List.of(tracker))
                .build();

        ChatResponse first = cached.chat(ask("Capital of Portugal?"));
        cached.chat(ask("Capital of Portugal?"));
        cached.chat(ask("Capital of Portugal?"));

        BigDecimal paid = ((AisaChatResponseMetadata) first.metadata()).cost();
        one.aisa.langchain4j.cost.CostReport report = tracker.snapshot();
        assertThat(report.totalCalls()).isEqualTo(1);
        assertThat(report.totalCost()).isEqualByComparingTo(paid);
        assertThat(report.totalCacheHits()).isEqualTo(2);
        assertThat(report.totalSavedCost()).isEqualByComparingTo(paid.multiply(BigDecimal.valueOf(2)));
    }
}

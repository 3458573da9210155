package one.aisa.langchain4j.routing;

import static one.aisa.langchain4j.routing.RoutingStreamingChatModelTest.sse;
import static one.aisa.langchain4j.routing.RoutingStreamingChatModelTest.textStream;
import static one.aisa.langchain4j.routing.RoutingStubs.serverError;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.response.ChatResponse;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.cache.CachingChatModel;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.observation.DefaultChatObservationConvention;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Traces of routed calls, recorded by micrometer-tracing's real test tracer through the observations: one span per
 * logical call, one child per attempt, with the GenAI attributes; nothing of the prompt unless asked.
 */
class RoutingObservationTest {

    @RegisterExtension
    static WireMockExtension server = RoutingStubs.newServer();

    private final RoutingStubs stubs = new RoutingStubs(server);
    private final SimpleTracer tracer = new SimpleTracer();
    private final ObservationRegistry registry = ObservationRegistry.create();

    {
        registry.observationConfig().observationHandler(new DefaultTracingObservationHandler(tracer));
    }

    private AisaChatModel observed(String name) {
        return stubs.chatModel(name).observationRegistry(registry).build();
    }

    private static SimpleSpan named(List<SimpleSpan> spans, String name, String model) {
        return spans.stream()
                .filter(span -> span.getTags().get("gen_ai.request.model").equals(model))
                .filter(span -> span.getTags().containsKey("aisa.route.fallback") == name.equals("call"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " span for " + model + " in " + spans));
    }

    @Test
    void a_routed_call_with_a_fallback_is_one_span_with_a_child_per_attempt() {
        stubs.responds("primary", serverError(503));
        stubs.answers("backup");
        ChatModel router = RoutingChatModel.builder()
                .models(observed("primary"), observed("backup"))
                .sleeper(stubs.routerSleeper)
                .retryPolicy(one.aisa.langchain4j.RetryPolicy.none())
                .observationRegistry(registry)
                .build();

        String answer = router.chat("What is 2 + 2? my key is sk-aisa-routing-test-0123456789");

        assertThat(answer).isEqualTo("answer from backup");
        List<SimpleSpan> spans = List.copyOf(tracer.getSpans());
        assertThat(spans)
                .as("one call and two attempts, no span of the models' own")
                .hasSize(3);
        SimpleSpan call = named(spans, "call", "primary");
        SimpleSpan first = named(spans, "attempt", "primary");
        SimpleSpan second = named(spans, "attempt", "backup");

        assertThat(call.getName()).isEqualTo("chat primary");
        assertThat(call.getParentId()).as("the call is the root here").isNullOrEmpty();
        assertThat(call.getTags())
                .containsEntry("gen_ai.operation.name", "chat")
                .containsEntry("gen_ai.provider.name", "aisa")
                .containsEntry("gen_ai.request.model", "primary")
                .containsEntry("gen_ai.response.model", "backup")
                .containsEntry("error.type", "none")
                .containsEntry("aisa.route.fallback", "true")
                .containsEntry("aisa.route.answered_by", "backup")
                .containsEntry("aisa.route.attempts", "2")
                .containsEntry("aisa.cache.hit", "none")
                .containsEntry("aisa.cost.usd", "0.0012")
                .containsEntry("gen_ai.usage.input_tokens", "9")
                .containsEntry("gen_ai.usage.output_tokens", "2")
                .containsEntry("gen_ai.response.finish_reasons", "stop")
                .doesNotContainKeys("gen_ai.input.messages", "gen_ai.output.messages");
        assertThat(call.getTags().values()).noneMatch(value -> value.contains("2 + 2"));

        for (SimpleSpan attempt : List.of(first, second)) {
            assertThat(attempt.getTraceId()).isEqualTo(call.getTraceId());
            assertThat(attempt.getParentId())
                    .as("an attempt is a child of its call")
                    .isEqualTo(call.getSpanId());
        }
        assertThat(first.getName()).isEqualTo("chat primary");
        assertThat(first.getTags()).containsEntry("error.type", AisaServerException.class.getSimpleName());
        assertThat(first.getError()).isInstanceOf(AisaServerException.class);
        assertThat(second.getName()).isEqualTo("chat backup");
        assertThat(second.getTags())
                .containsEntry("error.type", "none")
                .containsEntry("gen_ai.response.model", "backup")
                .containsEntry("aisa.cost.usd", "0.0012");
        assertThat(first.getEndTimestamp()).isBeforeOrEqualTo(second.getStartTimestamp());
    }

    @Test
    void a_failed_call_ends_its_span_with_the_error_and_a_lone_model_is_its_own_call() {
        stubs.responds("primary", serverError(503));
        ChatModel lone = stubs.chatModel("primary")
                .maxRetries(0)
                .observationRegistry(registry)
                .build();

        assertThatThrownBy(() -> lone.chat("hi")).isInstanceOf(AisaServerException.class);

        SimpleSpan span = tracer.onlySpan();
        assertThat(span.getName()).isEqualTo("chat primary");
        assertThat(span.getTags())
                .containsEntry("error.type", "AisaServerException")
                .containsEntry("aisa.route.fallback", "false")
                .containsEntry("gen_ai.response.model", "none");
        assertThat(span.getEndTimestamp()).isNotNull();
    }

    @Test
    void a_cache_around_a_router_is_the_call_and_a_hit_has_no_attempt() {
        stubs.answers("primary");
        ChatModel cached = CachingChatModel.builder()
                .model(RoutingChatModel.builder()
                        .models(observed("primary"))
                        .observationRegistry(registry)
                        .build())
                .name("support")
                .observationRegistry(registry)
                .build();

        cached.chat("hello");
        cached.chat("hello");

        List<SimpleSpan> spans = List.copyOf(tracer.getSpans());
        assertThat(spans).hasSize(3);
        List<SimpleSpan> calls = spans.stream()
                .filter(span -> span.getTags().containsKey("aisa.cache.hit"))
                .toList();
        assertThat(calls)
                .extracting(span -> span.getTags().get("aisa.cache.hit"))
                .containsExactlyInAnyOrder("none", "exact");
        SimpleSpan miss = calls.stream()
                .filter(span -> span.getTags().get("aisa.cache.hit").equals("none"))
                .findFirst()
                .orElseThrow();
        SimpleSpan attempt = spans.stream()
                .filter(span -> !span.getTags().containsKey("aisa.cache.hit"))
                .findFirst()
                .orElseThrow();
        assertThat(attempt.getParentId()).isEqualTo(miss.getSpanId());
        assertThat(miss.getTags()).containsEntry("gen_ai.request.model", "support");
    }

    @Test
    void a_stream_records_its_time_to_first_chunk_and_its_attempts_under_one_call() throws Exception {
        stubs.responds("primary", serverError(503));
        stubs.responds("backup", sse(textStream("backup", "Hi", " there", "!")));
        RoutingStreamingChatModel router = RoutingStreamingChatModel.builder()
                .models(
                        stubs.streamingModel("primary")
                                .observationRegistry(registry)
                                .build(),
                        stubs.streamingModel("backup")
                                .observationRegistry(registry)
                                .build())
                .sleeper(stubs.routerSleeper)
                .retryPolicy(one.aisa.langchain4j.RetryPolicy.none())
                .observationRegistry(registry)
                .build();
        RoutingStreamingChatModelTest.Recorder recorder = new RoutingStreamingChatModelTest.Recorder();

        router.chat(
                ChatRequest.builder()
                        .messages(dev.langchain4j.data.message.UserMessage.from("hi"))
                        .build(),
                recorder);
        ChatResponse response = recorder.completed.get(10, TimeUnit.SECONDS);

        assertThat(response.aiMessage().text()).isEqualTo("Hi there!");
        List<SimpleSpan> spans = List.copyOf(tracer.getSpans());
        assertThat(spans).hasSize(3);
        SimpleSpan call = named(spans, "call", "primary");
        Map<String, String> tags = call.getTags();
        assertThat(tags)
                .containsEntry("aisa.streaming", "true")
                .containsEntry("aisa.route.fallback", "true")
                .containsEntry("gen_ai.response.model", "backup")
                .containsEntry("aisa.stream.chunks", "3")
                .containsKeys("aisa.stream.time_to_first_chunk_ms", "aisa.stream.time_per_output_chunk_ms");
        assertThat(Double.parseDouble(tags.get("aisa.stream.time_to_first_chunk_ms")))
                .isPositive();
        assertThat(named(spans, "attempt", "primary").getParentId()).isEqualTo(call.getSpanId());
        assertThat(named(spans, "attempt", "backup").getParentId())
                .as("the fallback starts on the failed stream's thread, and is still the call's child")
                .isEqualTo(call.getSpanId());
        assertThat(named(spans, "attempt", "primary").getTags()).containsEntry("aisa.stream.chunks", "0");
    }

    @Test
    void the_prompt_and_the_answer_are_recorded_only_when_asked_and_then_without_the_key() {
        stubs.answers("primary", "noted");
        ChatModel model = stubs.chatModel("primary")
                .observationRegistry(registry)
                .observationConvention(new DefaultChatObservationConvention(true))
                .build();

        model.chat("remember my key sk-aisa-routing-test-0123456789 please");

        Map<String, String> tags = tracer.onlySpan().getTags();
        assertThat(tags.get("gen_ai.input.messages"))
                .contains("user: remember my key")
                .doesNotContain(RoutingStubs.API_KEY);
        assertThat(tags.get("gen_ai.output.messages")).isEqualTo("ai: noted");
    }

    @Test
    void a_router_masks_its_models_keys_in_recorded_content_whatever_their_shape() {
        String key = "aisa-key-of-no-known-shape-4242";
        stubs.answers("primary", "noted");
        ChatModel router = RoutingChatModel.builder()
                .models(stubs.chatModel("primary").apiKey(key).build())
                .observationRegistry(registry)
                .observationConvention(new DefaultChatObservationConvention(true))
                .build();

        router.chat("my key is " + key);

        SimpleSpan call = named(List.copyOf(tracer.getSpans()), "call", "primary");
        assertThat(call.getTags().get("gen_ai.input.messages")).isEqualTo("user: my key is ***");
    }

    @Test
    void a_stream_the_caller_cancels_ends_its_span_there_with_the_cancellation() throws Exception {
        stubs.responds("primary", sse(textStream("primary", "Once", " upon", " a", " time")));
        RoutingStreamingChatModelTest.Recorder recorder = new RoutingStreamingChatModelTest.Recorder();
        java.util.concurrent.CountDownLatch cancelled = new java.util.concurrent.CountDownLatch(1);
        recorder.onText = (partial, context) -> {
            context.streamingHandle().cancel();
            cancelled.countDown();
        };

        stubs.streamingModel("primary")
                .observationRegistry(registry)
                .build()
                .chat(
                        ChatRequest.builder()
                                .messages(dev.langchain4j.data.message.UserMessage.from("a story"))
                                .build(),
                        recorder);

        assertThat(cancelled.await(10, TimeUnit.SECONDS)).isTrue();
        SimpleSpan span = tracer.onlySpan();
        assertThat(span.getEndTimestamp())
                .as("ended, though no completion or error follows a cancel")
                .isNotNull();
        assertThat(span.getTags())
                .containsEntry("error.type", "CancellationException")
                .containsEntry("aisa.stream.chunks", "1");
    }
}

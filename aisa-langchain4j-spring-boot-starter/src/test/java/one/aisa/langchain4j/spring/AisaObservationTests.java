package one.aisa.langchain4j.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.StreamingChatModel;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.tracing.handler.DefaultTracingObservationHandler;
import io.micrometer.tracing.test.simple.SimpleSpan;
import io.micrometer.tracing.test.simple.SimpleTracer;
import java.util.List;
import one.aisa.langchain4j.testkit.AisaSimulator;
import one.aisa.langchain4j.testkit.SimulatedFault;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The model beans observe through the application's {@code ObservationRegistry}: a routed call with a fallback is
 * one span with a child per attempt, and one {@code gen_ai.client.operation} timing; a stream's first chunk is
 * timed. The registry here is set up as Spring Boot sets it up: every {@code ObservationHandler} bean joins it.
 */
class AisaObservationTests {

    private AisaSimulator simulator;

    @BeforeEach
    void start() {
        simulator = AisaSimulator.start();
    }

    @AfterEach
    void stop() {
        simulator.close();
    }

    /** An application with metrics and tracing: a meter registry, a tracer, and the registry both handle. */
    @Configuration(proxyBeanMethods = false)
    static class Observed {

        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }

        @Bean
        SimpleTracer tracer() {
            return new SimpleTracer();
        }

        @Bean
        ObservationRegistry observationRegistry(
                MeterRegistry meters, SimpleTracer tracer, ObjectProvider<ObservationHandler<?>> handlers) {
            ObservationRegistry registry = ObservationRegistry.create();
            registry.observationConfig()
                    .observationHandler(new DefaultMeterObservationHandler(meters))
                    .observationHandler(new DefaultTracingObservationHandler(tracer));
            handlers.orderedStream()
                    .forEach(handler -> registry.observationConfig().observationHandler(handler));
            return registry;
        }
    }

    private ApplicationContextRunner runner() {
        return new ApplicationContextRunner()
                .withConfiguration(
                        AutoConfigurations.of(AisaMetricsAutoConfiguration.class, AisaAutoConfiguration.class))
                .withUserConfiguration(Observed.class)
                .withPropertyValues(
                        "aisa.api-key=" + AisaSimulator.API_KEY,
                        "aisa.base-url=" + simulator.baseUrl(),
                        "aisa.chat.model=gpt-4o",
                        "aisa.routing.fallbacks=gpt-4o-mini");
    }

    @Test
    void a_routed_call_with_a_fallback_is_one_span_with_a_child_per_attempt_and_one_timing() {
        simulator.failAlways("gpt-4o", SimulatedFault.noAvailableChannel());

        runner().run(context -> {
            context.getBean(ChatModel.class).chat("hello");

            List<SimpleSpan> spans =
                    List.copyOf(context.getBean(SimpleTracer.class).getSpans());
            assertThat(spans).hasSize(3);
            SimpleSpan call = spans.stream()
                    .filter(span -> span.getTags().containsKey("aisa.route.fallback"))
                    .findFirst()
                    .orElseThrow();
            assertThat(call.getName()).isEqualTo("chat gpt-4o");
            assertThat(call.getTags())
                    .containsEntry("gen_ai.provider.name", "aisa")
                    .containsEntry("gen_ai.request.model", "gpt-4o")
                    .containsEntry("gen_ai.response.model", "gpt-4o-mini")
                    .containsEntry("aisa.route.fallback", "true")
                    .containsKey("aisa.cost.usd")
                    .doesNotContainKey("gen_ai.input.messages");
            assertThat(spans)
                    .filteredOn(span -> span != call)
                    .extracting(SimpleSpan::getName, SimpleSpan::getParentId)
                    .containsExactlyInAnyOrder(
                            org.assertj.core.groups.Tuple.tuple("chat gpt-4o", call.getSpanId()),
                            org.assertj.core.groups.Tuple.tuple("chat gpt-4o-mini", call.getSpanId()));

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("gen_ai.client.operation")
                            .tag("gen_ai.provider.name", "aisa")
                            .tag("gen_ai.response.model", "gpt-4o-mini")
                            .tag("aisa.route.fallback", "true")
                            .tag("error.type", "none")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("aisa.routing.attempt").timers())
                    .extracting(timer -> timer.getId().getTag("error.type"))
                    .containsExactlyInAnyOrder("none", "AisaModelNotFoundException");
        });
    }

    @Test
    void a_stream_times_its_first_chunk_and_its_chunks() {
        runner().run(context -> {
            Streams.stream(context.getBean(StreamingChatModel.class), "Tell me a short story");

            MeterRegistry meters = context.getBean(MeterRegistry.class);
            assertThat(meters.get("gen_ai.client.operation.time_to_first_chunk")
                            .tag("gen_ai.request.model", "gpt-4o")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("gen_ai.client.operation.time_per_output_chunk")
                            .timer()
                            .count())
                    .isEqualTo(1);
            assertThat(meters.get("gen_ai.client.operation")
                            .tag("aisa.streaming", "true")
                            .timer()
                            .count())
                    .isEqualTo(1);
        });
    }

    @Test
    void the_prompt_is_recorded_only_with_include_content() {
        runner().withPropertyValues("aisa.observations.include-content=true").run(context -> {
            context.getBean(ChatModel.class).chat("hello there");

            SimpleSpan call = context.getBean(SimpleTracer.class).getSpans().stream()
                    .filter(span -> span.getTags().containsKey("aisa.route.fallback"))
                    .findFirst()
                    .orElseThrow();
            assertThat(call.getTags().get("gen_ai.input.messages")).isEqualTo("user: hello there");
            assertThat(call.getTags().get("gen_ai.output.messages")).startsWith("ai: ");
        });
    }
}

package one.aisa.langchain4j.spring;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.observation.ChatObservationContext;

/**
 * Times a streamed call's chunks, from its observation, under the OpenTelemetry GenAI metric names:
 * {@code gen_ai.client.operation.time_to_first_chunk} and {@code gen_ai.client.operation.time_per_output_chunk},
 * tagged with the provider, the requested and the answering model. Spring Boot gives every {@code ObservationHandler}
 * bean to the application's {@code ObservationRegistry}; without Spring, add it with
 * {@code registry.observationConfig().observationHandler(new AisaStreamingMetricsHandler(meterRegistry))}.
 */
public class AisaStreamingMetricsHandler implements ObservationHandler<ChatObservationContext> {

    private final MeterRegistry registry;

    public AisaStreamingMetricsHandler(MeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public boolean supportsContext(Observation.Context context) {
        return context instanceof ChatObservationContext;
    }

    @Override
    public void onStop(ChatObservationContext context) {
        if (!context.streaming() || context.kind() != ChatObservationContext.Kind.CALL) {
            return;
        }
        record("gen_ai.client.operation.time_to_first_chunk", context, context.timeToFirstChunkNanos());
        record("gen_ai.client.operation.time_per_output_chunk", context, context.timePerOutputChunkNanos());
    }

    private void record(String name, ChatObservationContext context, long nanos) {
        if (nanos < 0) {
            return;
        }
        Timer.builder(name)
                .tag("gen_ai.operation.name", "chat")
                .tag("gen_ai.provider.name", "aisa")
                .tag("gen_ai.request.model", orNone(context.requestModel()))
                .tag("gen_ai.response.model", orNone(context.responseModel()))
                .register(registry)
                .record(nanos, TimeUnit.NANOSECONDS);
    }

    private static String orNone(String value) {
        return value == null || value.isBlank() ? "none" : value;
    }
}

/**
 * Micrometer observations of chat calls, on the OpenTelemetry GenAI conventions: one observation per logical call
 * ({@code gen_ai.client.operation}) and, under a router, one child per attempt of a model
 * ({@code aisa.routing.attempt}). One instrumentation gives metrics (with a meter handler) and traces (with a tracing
 * handler, e.g. micrometer-tracing's OpenTelemetry bridge). Give the models, routers and caches an
 * {@code ObservationRegistry} on their builders; with Spring Boot the starter gives them the application's.
 *
 * <p>Depends on nothing else of this library: the core models' answers describe themselves to it
 * ({@link one.aisa.langchain4j.observation.ObservationFacts}).
 */
package one.aisa.langchain4j.observation;

package one.aisa.langchain4j.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static one.aisa.langchain4j.RouteTrace.Outcome.ANSWERED;
import static one.aisa.langchain4j.RouteTrace.Outcome.FAILED;
import static one.aisa.langchain4j.RouteTrace.Outcome.SKIPPED_CIRCUIT_OPEN;
import static one.aisa.langchain4j.routing.RoutingStubs.ask;
import static one.aisa.langchain4j.routing.RoutingStubs.chatFor;
import static one.aisa.langchain4j.routing.RoutingStubs.completion;
import static one.aisa.langchain4j.routing.RoutingStubs.serverError;
import static one.aisa.langchain4j.routing.RoutingStubs.traceOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import one.aisa.langchain4j.RetryPolicy;
import one.aisa.langchain4j.RouteTrace;
import one.aisa.langchain4j.RouteTrace.Attempt;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaServerException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * 1,000 concurrent calls through one router over three models that fail on a seeded random share of requests
 * (decided per request by a marker in the prompt, so WireMock injects the fault for real): every call ends
 * answered or with a typed exception, none is lost or hangs, every HTTP request is accounted for in a route, and
 * the breakers end in a valid state.
 */
class RoutingConcurrencyTest {

    @RegisterExtension
    static WireMockExtension server = RoutingStubs.newServer();

    private static final int CALLS = 1_000;
    private static final int THREADS = 32;
    private static final List<String> MODELS = List.of("alpha", "beta", "gamma");
    /** How each model fails when the prompt carries its marker. */
    private static final Map<String, ResponseDefinitionBuilder> FAULTS = Map.of(
            "alpha", serverError(503),
            "beta", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
            "gamma", serverError(500));

    private static final Map<String, Double> FAILURE_SHARE = Map.of("alpha", 0.6, "beta", 0.3, "gamma", 0.2);
    private static final Set<Class<? extends Throwable>> EXPECTED_FAILURES =
            Set.of(AisaServerException.class, AisaConnectionException.class, NoRouteAvailableException.class);

    private final RoutingStubs stubs = new RoutingStubs(server);
    private final TestClock clock = new TestClock();

    /** Which model's injected fault this is: alpha answers 503, beta resets the connection, gamma answers 500. */
    private static String modelThatFailsWith(Throwable failure) {
        if (failure instanceof AisaConnectionException) {
            return "beta";
        }
        if (failure instanceof AisaServerException server) {
            return switch (server.statusCode()) {
                case 503 -> "alpha";
                case 500 -> "gamma";
                default -> "unexpected status " + server.statusCode();
            };
        }
        return "unexpected " + failure;
    }

    /** What one call was planned to meet, and how it ended. */
    record Outcome(int call, Set<String> failing, ChatResponse response, Throwable failure) {}

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS)
    void a_thousand_concurrent_calls_are_each_answered_or_failed_with_a_typed_exception() throws Exception {
        for (String model : MODELS) {
            server.stubFor(chatFor(model)
                    .withRequestBody(containing("fail-" + model + " "))
                    .atPriority(1)
                    .willReturn(FAULTS.get(model)));
            server.stubFor(chatFor(model).atPriority(5).willReturn(okJson(completion(model, "answer from " + model))));
        }
        RoutingChatModel router = RoutingChatModel.builder()
                .models(stubs.model("alpha"), stubs.model("beta"), stubs.model("gamma"))
                .retryPolicy(RetryPolicy.builder().maxRetries(1).jitter(0).build())
                .circuitBreaker(CircuitBreakerSettings.builder()
                        .window(Duration.ofSeconds(10))
                        .minimumCalls(10)
                        .openDuration(Duration.ofSeconds(1))
                        .build())
                .clock(clock)
                .sleeper(stubs.routerSleeper)
                .build();
        Random random = new Random(20250701L);
        List<Callable<Outcome>> calls = new ArrayList<>();
        for (int i = 0; i < CALLS; i++) {
            int call = i;
            Set<String> failing = new java.util.TreeSet<>();
            StringBuilder prompt = new StringBuilder("call " + call + ": ");
            for (String model : MODELS) {
                if (random.nextDouble() < FAILURE_SHARE.get(model)) {
                    failing.add(model);
                    prompt.append("fail-").append(model).append(' ');
                }
            }
            calls.add(() -> {
                clock.advance(Duration.ofMillis(20)); // 20 s of breaker time over the run: several open/probe cycles
                try {
                    return new Outcome(call, failing, ask(router, prompt.toString()), null);
                } catch (Throwable failure) {
                    return new Outcome(call, failing, null, failure);
                }
            });
        }

        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        List<Future<Outcome>> futures;
        long start = System.nanoTime();
        try {
            futures = pool.invokeAll(calls, 30, TimeUnit.SECONDS);
        } finally {
            pool.shutdownNow();
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();

        List<Outcome> outcomes = new ArrayList<>();
        for (Future<Outcome> future : futures) {
            assertThat(future.isCancelled()).as("a call hung past the deadline").isFalse();
            try {
                outcomes.add(future.get());
            } catch (ExecutionException e) {
                throw new AssertionError("a call escaped the router: " + e.getCause(), e.getCause());
            }
        }
        List<Outcome> answered =
                outcomes.stream().filter(outcome -> outcome.response() != null).toList();
        List<Outcome> failed =
                outcomes.stream().filter(outcome -> outcome.failure() != null).toList();

        assertThat(answered.size() + failed.size()).as("none lost").isEqualTo(CALLS);
        assertThat(took).isLessThan(Duration.ofSeconds(20));
        assertThat(failed)
                .as("only typed LangChain4j failures")
                .allSatisfy(outcome -> assertThat(EXPECTED_FAILURES)
                        .as("unexpected %s", outcome.failure())
                        .contains(outcome.failure().getClass()));

        long requestsInRoutes = 0;
        int skips = 0;
        for (Outcome outcome : answered) {
            RouteTrace trace = traceOf(outcome.response());
            String answeredBy = trace.answeredBy();
            assertThat(outcome.failing())
                    .as("call %d answered by a model planned to fail", outcome.call())
                    .doesNotContain(answeredBy);
            assertThat(outcome.response().aiMessage().text()).isEqualTo("answer from " + answeredBy);
            List<Attempt> attempts = trace.attempts();
            assertThat(attempts.get(attempts.size() - 1).outcome()).isEqualTo(ANSWERED);
            for (Attempt attempt : attempts.subList(0, attempts.size() - 1)) {
                assertThat(attempt.outcome()).isIn(FAILED, SKIPPED_CIRCUIT_OPEN);
                if (attempt.outcome() == FAILED) {
                    assertThat(outcome.failing())
                            .as(
                                    "call %d: %s failed though planned to answer: %s",
                                    outcome.call(), attempt.model(), attempt.error())
                            .contains(attempt.model());
                } else {
                    skips++;
                }
            }
            requestsInRoutes += trace.calls();
        }
        for (Outcome outcome : failed) {
            if (outcome.failure() instanceof NoRouteAvailableException noRoute) {
                assertThat(noRoute.trace().calls()).isZero();
                skips += noRoute.trace().attempts().size();
            } else {
                // a model planned to answer may have been skipped (open circuit), but every failure, the thrown
                // one and the suppressed earlier ones, must come from a model planned to fail
                List<Throwable> failures =
                        new ArrayList<>(List.of(outcome.failure().getSuppressed()));
                failures.add(outcome.failure());
                assertThat(failures)
                        .allSatisfy(each -> assertThat(outcome.failing())
                                .as("call %d: %s", outcome.call(), each)
                                .contains(modelThatFailsWith(each)));
                requestsInRoutes += 1 + outcome.failure().getSuppressed().length;
            }
        }
        assertThat(stubs.allRequests())
                .as("every HTTP request appears in exactly one call's route")
                .isEqualTo(requestsInRoutes);
        assertThat(skips).as("the breakers did open during the run").isPositive();
        assertThat(stubs.modelSleeper.waits).as("no model retried on its own").isEmpty();

        assertThat(answered).as("most calls find a model that answers").hasSizeGreaterThan(CALLS / 2);

        List<RouteHealth> health = router.health();
        assertThat(health).extracting(RouteHealth::model).containsExactlyElementsOf(MODELS);
        assertThat(health).allSatisfy(entry -> {
            assertThat(entry.state()).isIn("CLOSED", "OPEN", "HALF_OPEN");
            assertThat(entry.calls()).isBetween(0, CALLS * 2);
            assertThat(entry.failureRate())
                    .satisfiesAnyOf(
                            rate -> assertThat(rate).isNull(),
                            rate -> assertThat(rate).isBetween(0f, 100f));
        });

        // after the storm: every breaker lets a healthy call through again once its open period is over
        clock.advance(Duration.ofSeconds(3));
        ChatResponse healthy = ask(router, "a healthy call");
        assertThat(traceOf(healthy).answeredBy()).isEqualTo("alpha");
    }
}

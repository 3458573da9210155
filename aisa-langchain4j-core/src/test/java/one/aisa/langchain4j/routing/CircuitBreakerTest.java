package one.aisa.langchain4j.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static one.aisa.langchain4j.RouteTrace.Outcome.ANSWERED;
import static one.aisa.langchain4j.RouteTrace.Outcome.FAILED;
import static one.aisa.langchain4j.RouteTrace.Outcome.SKIPPED_CIRCUIT_OPEN;
import static one.aisa.langchain4j.routing.RoutingStubs.ask;
import static one.aisa.langchain4j.routing.RoutingStubs.chatFor;
import static one.aisa.langchain4j.routing.RoutingStubs.completion;
import static one.aisa.langchain4j.routing.RoutingStubs.contentPolicy;
import static one.aisa.langchain4j.routing.RoutingStubs.contextTooLong;
import static one.aisa.langchain4j.routing.RoutingStubs.error;
import static one.aisa.langchain4j.routing.RoutingStubs.invalidRequest;
import static one.aisa.langchain4j.routing.RoutingStubs.modelNotFound;
import static one.aisa.langchain4j.routing.RoutingStubs.serverError;
import static one.aisa.langchain4j.routing.RoutingStubs.traceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.stream.Stream;
import one.aisa.langchain4j.RetryPolicy;
import one.aisa.langchain4j.RouteTrace;
import one.aisa.langchain4j.RouteTrace.Attempt;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import one.aisa.langchain4j.exception.AisaInvalidRequestException;
import one.aisa.langchain4j.exception.ContentPolicyException;
import one.aisa.langchain4j.exception.ContextLengthExceededException;
import one.aisa.langchain4j.exception.InsufficientCreditsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The per-model circuit breakers of a router, on a clock the test moves: when a circuit opens, that an open model
 * costs no request, the half-open probe, the time window, which failures count, and the settings' validation.
 */
class CircuitBreakerTest {

    @RegisterExtension
    static WireMockExtension server = RoutingStubs.newServer();

    private final RoutingStubs stubs = new RoutingStubs(server);
    private final TestClock clock = new TestClock();

    /** "flaky" first, "steady" (always answers) behind it; no retries, so each call costs flaky one request. */
    private RoutingChatModel.RoutingChatModelBuilder router() {
        return RoutingChatModel.builder()
                .models(stubs.model("flaky"), stubs.model("steady"))
                .retryPolicy(RetryPolicy.none())
                .clock(clock)
                .sleeper(stubs.routerSleeper);
    }

    @Test
    void the_circuit_opens_after_three_failures_in_the_window_and_then_costs_no_request() {
        stubs.responds("flaky", serverError(500));
        stubs.answers("steady");
        RoutingChatModel router = router().build();

        ask(router);
        ask(router);
        assertThat(health(router, "flaky").state())
                .as("2 calls: below minimumCalls")
                .isEqualTo("CLOSED");
        assertThat(health(router, "flaky").calls()).isEqualTo(2);

        ask(router);
        assertThat(health(router, "flaky").state()).isEqualTo("OPEN");
        assertThat(health(router, "flaky").failureRate()).isEqualTo(100f);

        for (int i = 0; i < 10; i++) {
            ChatResponse response = ask(router);
            assertThat(traceOf(response).attempts())
                    .extracting(Attempt::model, Attempt::outcome)
                    .containsExactly(tuple("flaky", SKIPPED_CIRCUIT_OPEN), tuple("steady", ANSWERED));
            assertThat(traceOf(response).attempts().get(0).latency()).isZero();
        }
        assertThat(stubs.requests("flaky")).as("no request while open").isEqualTo(3);
        assertThat(stubs.requests("steady")).isEqualTo(13);
        assertThat(health(router, "steady").state()).isEqualTo("CLOSED");
    }

    @Test
    void routers_sharing_circuit_breakers_skip_a_model_that_failed_in_either() {
        stubs.responds("flaky", serverError(500));
        stubs.answers("steady");
        SharedCircuitBreakers shared = new SharedCircuitBreakers();
        RoutingChatModel first = router().sharedCircuitBreakers(shared).build();
        RoutingChatModel second = router().sharedCircuitBreakers(shared).build();
        RoutingStreamingChatModel streaming = RoutingStreamingChatModel.builder()
                .models(
                        stubs.streamingModel("flaky").build(),
                        stubs.streamingModel("steady").build())
                .clock(clock)
                .sharedCircuitBreakers(shared)
                .build();
        RoutingChatModel own = router().build();

        ask(first);
        ask(second);
        ask(first); // three failures across two routers: the shared breaker opens
        assertThat(health(second, "flaky").state()).isEqualTo("OPEN");
        assertThat(streaming.health().get(0).state()).isEqualTo("OPEN");
        assertThat(health(own, "flaky").state())
                .as("a router with its own breakers")
                .isEqualTo("CLOSED");

        assertThat(traceOf(ask(second)).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("flaky", SKIPPED_CIRCUIT_OPEN), tuple("steady", ANSWERED));
        assertThat(stubs.requests("flaky")).isEqualTo(3);
    }

    @Test
    void after_the_open_period_one_probe_is_let_through_and_a_good_answer_closes_the_circuit() {
        stubs.respondsInTurn(
                "flaky",
                serverError(500),
                serverError(500),
                serverError(500),
                okJson(completion("flaky", "flaky is back")));
        stubs.answers("steady");
        AtomicReference<RoutingChatModel> routerRef = new AtomicReference<>();
        AtomicReference<String> stateDuringProbe = new AtomicReference<>();
        AtomicReference<RouteTrace> callDuringProbe = new AtomicReference<>();
        AtomicBoolean probing = new AtomicBoolean();
        ChatModelListener duringProbe = new ChatModelListener() {
            @Override
            public void onRequest(ChatModelRequestContext requestContext) {
                if (probing.compareAndSet(true, false)) {
                    RoutingChatModel router = routerRef.get();
                    stateDuringProbe.set(health(router, "flaky").state());
                    // another call while the probe is out must not send a second request to flaky
                    callDuringProbe.set(traceOf(ask(router)));
                }
            }
        };
        RoutingChatModel router = RoutingChatModel.builder()
                .models(stubs.chatModel("flaky").listeners(duringProbe).build(), stubs.model("steady"))
                .retryPolicy(RetryPolicy.none())
                .clock(clock)
                .build();
        routerRef.set(router);
        ask(router);
        ask(router);
        ask(router);
        assertThat(health(router, "flaky").state()).isEqualTo("OPEN");

        clock.advance(Duration.ofSeconds(29));
        ask(router);
        assertThat(stubs.requests("flaky")).as("still open before 30 s").isEqualTo(3);

        clock.advance(Duration.ofSeconds(2));
        probing.set(true);
        ChatResponse probe = ask(router);

        assertThat(stubs.requests("flaky")).as("exactly one probe request").isEqualTo(4);
        assertThat(traceOf(probe).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("flaky", ANSWERED));
        assertThat(stateDuringProbe.get()).isEqualTo("HALF_OPEN");
        assertThat(callDuringProbe.get().attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("flaky", SKIPPED_CIRCUIT_OPEN), tuple("steady", ANSWERED));
        assertThat(health(router, "flaky").state()).isEqualTo("CLOSED");

        ask(router);
        ask(router);
        assertThat(stubs.requests("flaky"))
                .as("closed: every call reaches it again")
                .isEqualTo(6);
    }

    @Test
    void a_failed_probe_opens_the_circuit_again_for_a_full_period() {
        stubs.responds("flaky", serverError(503));
        stubs.answers("steady");
        RoutingChatModel router = router().build();
        ask(router);
        ask(router);
        ask(router);

        clock.advance(Duration.ofSeconds(31));
        ChatResponse probe = ask(router);

        assertThat(stubs.requests("flaky")).isEqualTo(4);
        assertThat(traceOf(probe).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("flaky", FAILED), tuple("steady", ANSWERED));
        assertThat(health(router, "flaky").state()).isEqualTo("OPEN");

        ask(router);
        clock.advance(Duration.ofSeconds(29));
        ask(router);
        assertThat(stubs.requests("flaky"))
                .as("re-opened for 30 s from the failed probe")
                .isEqualTo(4);

        clock.advance(Duration.ofSeconds(2));
        ask(router);
        assertThat(stubs.requests("flaky")).isEqualTo(5);
    }

    @Test
    void failures_outside_the_window_do_not_accumulate() {
        stubs.responds("flaky", serverError(502));
        stubs.answers("steady");
        RoutingChatModel router = router().build();

        ask(router);
        ask(router);
        clock.advance(Duration.ofSeconds(61));
        ask(router);
        ask(router);

        assertThat(health(router, "flaky").state())
                .as("4 failures, but never 3 within 60 s")
                .isEqualTo("CLOSED");
        assertThat(health(router, "flaky").calls()).isEqualTo(2);
        assertThat(stubs.requests("flaky")).isEqualTo(4);

        ask(router);
        assertThat(health(router, "flaky").state())
                .as("the third within the window")
                .isEqualTo("OPEN");
    }

    static Stream<Arguments> notCounted() {
        return Stream.of(
                Arguments.of("400 invalid request", invalidRequest(400), AisaInvalidRequestException.class),
                Arguments.of(
                        "401 bad key",
                        error(401, "{\"error\":{\"message\":\"Invalid API key\",\"type\":\"authentication_error\"}}"),
                        AisaAuthenticationException.class),
                Arguments.of(
                        "402 credits",
                        error(402, "{\"error\":{\"message\":\"Insufficient balance\"}}"),
                        InsufficientCreditsException.class),
                Arguments.of("400 context length", contextTooLong(), ContextLengthExceededException.class),
                Arguments.of("400 content policy", contentPolicy(400), ContentPolicyException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("notCounted")
    void failures_that_say_nothing_about_the_model_do_not_open_its_circuit(
            String name, ResponseDefinitionBuilder failure, Class<? extends Throwable> expected) {
        stubs.responds("flaky", failure);
        stubs.answers("steady");
        RoutingChatModel router = router().build();

        for (int i = 0; i < 5; i++) {
            assertThat(catchThrowable(() -> ask(router))).isInstanceOf(expected);
        }

        assertThat(stubs.requests("flaky"))
                .as("every call still reaches the model")
                .isEqualTo(5);
        assertThat(health(router, "flaky").state()).isEqualTo("CLOSED");
        assertThat(health(router, "flaky").calls()).isZero();
    }

    static Stream<Arguments> openers() {
        return Stream.of(Arguments.of("404", modelNotFound()), Arguments.of("500", serverError(500)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("openers")
    void disabled_breakers_never_skip_a_model(String name, ResponseDefinitionBuilder failure) {
        stubs.responds("flaky", failure);
        stubs.answers("steady");
        RoutingChatModel router =
                router().circuitBreaker(CircuitBreakerSettings.disabled()).build();

        for (int i = 0; i < 10; i++) {
            ChatResponse response = ask(router);
            assertThat(traceOf(response).attempts())
                    .extracting(Attempt::model, Attempt::outcome)
                    .containsExactly(tuple("flaky", FAILED), tuple("steady", ANSWERED));
        }

        assertThat(stubs.requests("flaky")).isEqualTo(10);
        RouteHealth health = health(router, "flaky");
        assertThat(health.state()).isEqualTo("DISABLED");
        assertThat(health.available()).isTrue();
        assertThat(health.calls()).isZero();
        assertThat(health.failureRate()).isNull();
        assertThat(health.toString()).contains("failureRate=null");
    }

    @Test
    void a_higher_minimum_of_calls_waits_for_more_failures() {
        stubs.responds("flaky", serverError(500));
        stubs.answers("steady");
        RoutingChatModel router = router().circuitBreaker(CircuitBreakerSettings.builder()
                        .minimumCalls(5)
                        .failureRateThreshold(80)
                        .build())
                .build();

        for (int i = 0; i < 4; i++) {
            ask(router);
        }
        assertThat(health(router, "flaky").state()).as("4 failures of 5 needed").isEqualTo("CLOSED");

        ask(router);
        assertThat(health(router, "flaky").state()).isEqualTo("OPEN");
        ask(router);
        assertThat(stubs.requests("flaky")).isEqualTo(5);
    }

    @Test
    void the_failure_rate_threshold_decides_whether_a_mixed_window_opens() {
        // flaky fails on prompts that say FAIL and answers the others
        server.stubFor(chatFor("flaky")
                .withRequestBody(containing("FAIL"))
                .atPriority(1)
                .willReturn(serverError(500)));
        server.stubFor(chatFor("flaky").atPriority(5).willReturn(okJson(completion("flaky", "ok from flaky"))));
        stubs.answers("steady");
        RoutingChatModel strict = router().circuitBreaker(CircuitBreakerSettings.builder()
                        .minimumCalls(5)
                        .failureRateThreshold(80)
                        .build())
                .build();
        RoutingChatModel lenient = router().circuitBreaker(CircuitBreakerSettings.builder()
                        .minimumCalls(5)
                        .failureRateThreshold(50)
                        .build())
                .build();

        for (String prompt : List.of("FAIL 1", "FAIL 2", "FAIL 3", "fine 4", "fine 5")) {
            ask(strict, prompt);
            ask(lenient, prompt);
        }

        assertThat(health(strict, "flaky").failureRate()).isEqualTo(60f);
        assertThat(health(strict, "flaky").state()).as("60% < 80%").isEqualTo("CLOSED");
        assertThat(health(lenient, "flaky").state()).as("60% >= 50%").isEqualTo("OPEN");
        assertThat(traceOf(ask(strict, "fine 6")).answeredBy()).isEqualTo("flaky");
        assertThat(traceOf(ask(lenient, "fine 6")).answeredBy()).isEqualTo("steady");
    }

    @Test
    void a_custom_open_period_is_honoured() {
        stubs.responds("flaky", serverError(500));
        stubs.answers("steady");
        RoutingChatModel router = router().circuitBreaker(CircuitBreakerSettings.builder()
                        .openDuration(Duration.ofSeconds(10))
                        .build())
                .build();
        ask(router);
        ask(router);
        ask(router);

        clock.advance(Duration.ofSeconds(9));
        ask(router);
        assertThat(stubs.requests("flaky")).isEqualTo(3);
        clock.advance(Duration.ofSeconds(2));
        ask(router);
        assertThat(stubs.requests("flaky")).isEqualTo(4);
    }

    @Test
    void an_unavailable_model_opens_at_once_for_the_unavailable_period() {
        stubs.responds("flaky", modelNotFound());
        stubs.answers("steady");
        RoutingChatModel router = router().circuitBreaker(CircuitBreakerSettings.builder()
                        .unavailableOpenDuration(Duration.ofMinutes(2))
                        .build())
                .build();

        ask(router);
        assertThat(health(router, "flaky").state()).as("one 404 is enough").isEqualTo("OPEN");

        clock.advance(Duration.ofSeconds(119));
        ask(router);
        assertThat(stubs.requests("flaky")).isEqualTo(1);
        clock.advance(Duration.ofSeconds(2));
        ask(router);
        assertThat(stubs.requests("flaky")).isEqualTo(2);
    }

    @Test
    void the_defaults_trip_at_low_traffic() {
        CircuitBreakerSettings defaults = CircuitBreakerSettings.defaults();

        assertThat(defaults.enabled()).isTrue();
        assertThat(defaults.window()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.minimumCalls()).isEqualTo(3);
        assertThat(defaults.failureRateThreshold()).isEqualTo(50f);
        assertThat(defaults.openDuration()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.halfOpenProbes()).isEqualTo(1);
        assertThat(defaults.unavailableOpenDuration()).isEqualTo(Duration.ofMinutes(5));
        assertThat(CircuitBreakerSettings.disabled().enabled()).isFalse();
    }

    static Stream<Arguments> invalidSettings() {
        return Stream.of(
                invalid(b -> b.minimumCalls(0), "minimumCalls must be at least 1, was 0"),
                invalid(b -> b.failureRateThreshold(0), "failureRateThreshold must be in (0, 100], was 0.0"),
                invalid(b -> b.failureRateThreshold(100.5f), "failureRateThreshold must be in (0, 100], was 100.5"),
                invalid(b -> b.window(Duration.ofMillis(500)), "window must be at least 1 s, was PT0.5S"),
                invalid(b -> b.window(Duration.ZERO), "window must be positive, was PT0S"),
                invalid(b -> b.openDuration(Duration.ofSeconds(-1)), "openDuration must be positive, was PT-1S"),
                invalid(b -> b.halfOpenProbes(0), "halfOpenProbes must be at least 1, was 0"),
                invalid(
                        b -> b.unavailableOpenDuration(Duration.ZERO),
                        "unavailableOpenDuration must be positive, was PT0S"));
    }

    private static Arguments invalid(Consumer<CircuitBreakerSettings.Builder> change, String message) {
        return Arguments.of(message, change);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidSettings")
    void invalid_settings_fail_at_build_naming_the_setting(
            String message, Consumer<CircuitBreakerSettings.Builder> change) {
        CircuitBreakerSettings.Builder builder = CircuitBreakerSettings.builder();
        change.accept(builder);

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage(message);
    }

    @Test
    void a_missing_duration_is_named() {
        assertThatThrownBy(() -> CircuitBreakerSettings.builder().window(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("window");
    }

    private static RouteHealth health(RoutingChatModel router, String model) {
        return router.health().stream()
                .filter(health -> health.model().equals(model))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no health entry for " + model + ": " + router.health()));
    }
}

package one.aisa.langchain4j.routing;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static one.aisa.langchain4j.RouteTrace.Outcome.ANSWERED;
import static one.aisa.langchain4j.RouteTrace.Outcome.FAILED;
import static one.aisa.langchain4j.RouteTrace.Outcome.SKIPPED_CIRCUIT_OPEN;
import static one.aisa.langchain4j.routing.RoutingStubs.ask;
import static one.aisa.langchain4j.routing.RoutingStubs.completion;
import static one.aisa.langchain4j.routing.RoutingStubs.contentPolicy;
import static one.aisa.langchain4j.routing.RoutingStubs.contextTooLong;
import static one.aisa.langchain4j.routing.RoutingStubs.error;
import static one.aisa.langchain4j.routing.RoutingStubs.invalidRequest;
import static one.aisa.langchain4j.routing.RoutingStubs.modelNotFound;
import static one.aisa.langchain4j.routing.RoutingStubs.noChannel;
import static one.aisa.langchain4j.routing.RoutingStubs.rateLimited;
import static one.aisa.langchain4j.routing.RoutingStubs.serverError;
import static one.aisa.langchain4j.routing.RoutingStubs.traceOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.assertj.core.api.Assertions.tuple;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.model.chat.Capability;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.listener.ChatModelErrorContext;
import dev.langchain4j.model.chat.listener.ChatModelListener;
import dev.langchain4j.model.chat.listener.ChatModelRequestContext;
import dev.langchain4j.model.chat.listener.ChatModelResponseContext;
import dev.langchain4j.model.chat.request.ChatRequest;
import dev.langchain4j.model.chat.request.ChatRequestParameters;
import dev.langchain4j.model.chat.response.ChatResponse;
import dev.langchain4j.model.openai.OpenAiChatRequestParameters;
import dev.langchain4j.service.AiServices;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.AisaChatResponseMetadata;
import one.aisa.langchain4j.RetryPolicy;
import one.aisa.langchain4j.RouteTrace;
import one.aisa.langchain4j.RouteTrace.Attempt;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaInvalidRequestException;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import one.aisa.langchain4j.exception.AisaRateLimitException;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.exception.AisaTimeoutException;
import one.aisa.langchain4j.exception.ContentPolicyException;
import one.aisa.langchain4j.exception.ContextLengthExceededException;
import one.aisa.langchain4j.exception.ErrorCategory;
import one.aisa.langchain4j.exception.InsufficientCreditsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The routing error policy of DESIGN.md, row by row, with real {@link AisaChatModel}s against a local gateway stub
 * that injects each fault for real; waits are recorded by the router's sleeper, breakers run on a test clock.
 */
class RoutingChatModelTest {

    @RegisterExtension
    static WireMockExtension server = RoutingStubs.newServer();

    private static final Duration SHORT_TIMEOUT = Duration.ofMillis(300);
    private static final int SLOW_ANSWER_MS = 3_000;

    /** Two retries waiting exactly 1 s then 2 s (no jitter), so the recorded waits can be compared exactly. */
    private static final RetryPolicy EXACT = RetryPolicy.builder()
            .maxRetries(2)
            .initialBackoff(Duration.ofSeconds(1))
            .multiplier(2.0)
            .jitter(0)
            .build();

    private final RoutingStubs stubs = new RoutingStubs(server);
    private final TestClock clock = new TestClock();

    private RoutingChatModel.RoutingChatModelBuilder router(ChatModel... models) {
        return RoutingChatModel.builder().models(models).clock(clock).sleeper(stubs.routerSleeper);
    }

    private RoutingChatModel primaryAndBackup() {
        return router(stubs.model("primary"), stubs.model("backup")).build();
    }

    // ---------------------------------------------------------------- 401/403 auth, 402 credits: fail fast

    static Stream<Arguments> authAndCredits() {
        return Stream.of(
                Arguments.of("401 invalid key", error(401, """
                                {"error":{"message":"Invalid API key provided.","type":"authentication_error",
                                  "code":"invalid_api_key"}}"""), AisaAuthenticationException.class),
                Arguments.of("403 forbidden", error(403, """
                                {"error":{"message":"This token is not allowed here.","type":"permission_error"}}"""), AisaAuthenticationException.class),
                Arguments.of("402 credits", error(402, """
                                {"error":{"message":"Insufficient balance.","code":"insufficient_credits"}}"""), InsufficientCreditsException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("authAndCredits")
    void auth_and_credit_errors_fail_fast_on_the_primary(
            String name, ResponseDefinitionBuilder failure, Class<? extends Throwable> expected) {
        stubs.responds("primary", failure);
        stubs.answers("backup");
        RoutingChatModel router = primaryAndBackup();

        Throwable thrown = catchThrowable(() -> ask(router));

        assertThat(thrown).isInstanceOf(expected);
        assertThat(thrown.getSuppressed()).isEmpty();
        assertThat(stubs.requests("primary")).isEqualTo(1);
        assertThat(stubs.requests("backup")).isZero();
        assertThat(stubs.routerSleeper.waits).isEmpty();
        assertThat(stubs.modelSleeper.waits).isEmpty();

        // not cooled down: one key for every model, the model itself is fine
        assertThat(catchThrowable(() -> ask(router))).isInstanceOf(expected);
        assertThat(stubs.requests("primary")).isEqualTo(2);
        assertThat(health(router, "primary").state()).isEqualTo("CLOSED");
        assertThat(health(router, "primary").calls()).isZero();
    }

    // ---------------------------------------------------------------- 404 / 503 no channel: next model, long cool-down

    static Stream<Arguments> unavailable() {
        return Stream.of(
                Arguments.of("404 model not found", modelNotFound()), Arguments.of("503 no channel", noChannel()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unavailable")
    void an_unavailable_model_is_left_at_once_and_skipped_for_the_long_period(
            String name, ResponseDefinitionBuilder failure) {
        stubs.responds("primary", failure);
        stubs.answers("backup");
        RoutingChatModel router = primaryAndBackup();

        ChatResponse first = ask(router);

        assertThat(first.aiMessage().text()).isEqualTo("answer from backup");
        assertThat(traceOf(first).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("primary", FAILED), tuple("backup", ANSWERED));
        assertThat(traceOf(first).attempts().get(0).error()).startsWith("AisaModelNotFoundException: ");
        assertThat(health(router, "primary").state()).isEqualTo("OPEN");
        assertThat(stubs.routerSleeper.waits).isEmpty();

        ChatResponse second = ask(router);

        assertThat(traceOf(second).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("primary", SKIPPED_CIRCUIT_OPEN), tuple("backup", ANSWERED));
        assertThat(stubs.requests("primary")).isEqualTo(1);

        clock.advance(Duration.ofSeconds(31)); // past the ordinary 30 s open period, well within the long one
        ask(router);
        assertThat(stubs.requests("primary")).as("still skipped after 31 s").isEqualTo(1);

        clock.advance(Duration.ofMinutes(4).plusSeconds(20)); // 4 min 51 s in all
        ask(router);
        assertThat(stubs.requests("primary")).as("still skipped before 5 min").isEqualTo(1);

        clock.advance(Duration.ofSeconds(10)); // past the 5 minutes: one probe
        ChatResponse probed = ask(router);
        assertThat(stubs.requests("primary")).isEqualTo(2);
        assertThat(traceOf(probed).attempts().get(0).outcome()).isEqualTo(FAILED);
        assertThat(stubs.requests("backup")).isEqualTo(5);
        assertThat(stubs.routerSleeper.waits).isEmpty();
    }

    // ---------------------------------------------------------------- 429

    @Test
    void a_rate_limit_moves_on_at_once_without_waiting_when_a_fallback_exists() {
        stubs.responds("primary", rateLimited("Retry-After", "3"));
        stubs.answers("backup");
        RoutingChatModel router = primaryAndBackup();

        ChatResponse response = ask(router);

        assertThat(traceOf(response).answeredBy()).isEqualTo("backup");
        assertThat(traceOf(response).attempts().get(0).error())
                .startsWith("AisaRateLimitException: ")
                .contains("429")
                .contains("retry after 3000 ms");
        assertThat(stubs.requests("primary")).isEqualTo(1);
        assertThat(stubs.routerSleeper.waits)
                .as("no Retry-After wait while a fallback can answer")
                .isEmpty();
        assertThat(stubs.modelSleeper.waits).isEmpty();
        assertThat(health(router, "primary").calls())
                .as("a rate limit counts toward the breaker")
                .isEqualTo(1);

        ask(router);
        ask(router);
        assertThat(health(router, "primary").state())
                .as("cooled down after 3 rate limits")
                .isEqualTo("OPEN");
        ask(router);
        assertThat(stubs.requests("primary")).isEqualTo(3);
    }

    static Stream<Arguments> retryAfterHeaders() {
        return Stream.of(
                Arguments.of("Retry-After", "3", Duration.ofSeconds(3)),
                Arguments.of("retry-after-ms", "1500", Duration.ofMillis(1500)));
    }

    @ParameterizedTest(name = "{0}: {1}")
    @MethodSource("retryAfterHeaders")
    void a_rate_limit_on_the_last_model_is_retried_after_the_wait_the_gateway_asked_for(
            String header, String value, Duration expectedWait) {
        stubs.responds("primary", serverError(503));
        stubs.respondsInTurn("last", rateLimited(header, value), okJson(completion("last", "late answer")));
        RoutingChatModel router =
                router(stubs.model("primary"), stubs.model("last")).build();

        ChatResponse response = ask(router);

        assertThat(response.aiMessage().text()).isEqualTo("late answer");
        assertThat(stubs.routerSleeper.waits).containsExactly(expectedWait);
        assertThat(stubs.modelSleeper.waits).isEmpty();
        assertThat(stubs.requests("primary")).isEqualTo(1);
        assertThat(stubs.requests("last")).isEqualTo(2);
        assertThat(traceOf(response).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("primary", FAILED), tuple("last", FAILED), tuple("last", ANSWERED));
    }

    static Stream<Arguments> retryAfterBeyondTheCap() {
        return Stream.of(
                Arguments.of("120 s against the default 30 s cap", "120", RetryPolicy.defaults()),
                Arguments.of(
                        "10 s against a 5 s cap",
                        "10",
                        RetryPolicy.builder()
                                .maxRetryAfter(Duration.ofSeconds(5))
                                .build()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retryAfterBeyondTheCap")
    void a_retry_after_beyond_the_cap_is_not_waited_for(String name, String retryAfter, RetryPolicy policy) {
        stubs.respondsInTurn("only", rateLimited("Retry-After", retryAfter), okJson(completion("only", "too late")));
        RoutingChatModel router =
                router(stubs.model("only")).retryPolicy(policy).build();

        Throwable thrown = catchThrowable(() -> ask(router));

        assertThat(thrown).isInstanceOf(AisaRateLimitException.class);
        assertThat(((AisaRateLimitException) thrown).details().retryAfter())
                .isEqualTo(Duration.ofSeconds(Long.parseLong(retryAfter)));
        assertThat(stubs.routerSleeper.waits).isEmpty();
        assertThat(stubs.requests("only")).isEqualTo(1);
    }

    @Test
    void a_retry_after_within_a_raised_cap_is_waited_for() {
        stubs.respondsInTurn("only", rateLimited("Retry-After", "4"), okJson(completion("only", "worth the wait")));
        RoutingChatModel router = router(stubs.model("only"))
                .retryPolicy(RetryPolicy.builder()
                        .maxRetryAfter(Duration.ofSeconds(5))
                        .build())
                .build();

        assertThat(ask(router).aiMessage().text()).isEqualTo("worth the wait");
        assertThat(stubs.routerSleeper.waits).containsExactly(Duration.ofSeconds(4));
    }

    // ---------------------------------------------------------------- 408, timeout, I/O, 5xx

    static Stream<Arguments> transientFailures() {
        return Stream.of(
                Arguments.of(
                        "408",
                        error(408, "{\"error\":{\"message\":\"Request timed out upstream\"}}"),
                        AisaTimeoutException.class),
                Arguments.of("500", serverError(500), AisaServerException.class),
                Arguments.of("502", serverError(502), AisaServerException.class),
                Arguments.of("503", serverError(503), AisaServerException.class),
                Arguments.of("504", serverError(504), AisaServerException.class),
                Arguments.of(
                        "timeout",
                        okJson(completion("primary", "too late")).withFixedDelay(SLOW_ANSWER_MS),
                        AisaTimeoutException.class),
                Arguments.of(
                        "connection reset",
                        aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER),
                        AisaConnectionException.class),
                Arguments.of(
                        "malformed 200 body",
                        okJson("{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":"),
                        AisaServerException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFailures")
    void a_transient_failure_moves_on_at_once(String name, ResponseDefinitionBuilder failure, Class<?> expected) {
        stubs.responds("primary", failure);
        stubs.answers("backup");
        AisaChatModel primary = stubs.chatModel("primary")
                .timeout(name.equals("timeout") ? SHORT_TIMEOUT : Duration.ofSeconds(5))
                .build();
        RoutingChatModel router =
                router(primary, stubs.model("backup")).retryPolicy(EXACT).build();

        ChatResponse response = ask(router);

        assertThat(response.aiMessage().text()).isEqualTo("answer from backup");
        assertThat(traceOf(response).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("primary", FAILED), tuple("backup", ANSWERED));
        assertThat(traceOf(response).attempts().get(0).error()).startsWith(expected.getSimpleName() + ": ");
        assertThat(stubs.requests("primary")).isEqualTo(1);
        assertThat(stubs.routerSleeper.waits).isEmpty();
        assertThat(stubs.modelSleeper.waits).isEmpty();
        assertThat(health(router, "primary").calls())
                .as("counts toward the breaker")
                .isEqualTo(1);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("transientFailures")
    void a_transient_failure_on_the_last_model_is_retried_with_backoff(
            String name, ResponseDefinitionBuilder failure, Class<?> expected) {
        stubs.responds("primary", serverError(500));
        stubs.respondsInTurn("last", failure, failure, okJson(completion("last", "third time lucky")));
        AisaChatModel last = stubs.chatModel("last")
                .timeout(name.equals("timeout") ? SHORT_TIMEOUT : Duration.ofSeconds(5))
                .build();
        RoutingChatModel router =
                router(stubs.model("primary"), last).retryPolicy(EXACT).build();

        ChatResponse response = ask(router);

        assertThat(response.aiMessage().text()).isEqualTo("third time lucky");
        assertThat(stubs.routerSleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(stubs.modelSleeper.waits).isEmpty();
        assertThat(stubs.requests("primary")).isEqualTo(1);
        assertThat(stubs.requests("last")).isEqualTo(3);
        RouteTrace trace = traceOf(response);
        assertThat(trace.attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(
                        tuple("primary", FAILED),
                        tuple("last", FAILED),
                        tuple("last", FAILED),
                        tuple("last", ANSWERED));
        assertThat(trace.attempts().get(1).error()).startsWith(expected.getSimpleName() + ": ");
        assertThat(trace.calls()).isEqualTo(4);
    }

    @Test
    void default_backoff_on_the_last_model_stays_within_its_jitter_band() {
        stubs.responds("only", serverError(502));
        RoutingChatModel router = router(stubs.model("only")).build();

        Throwable thrown = catchThrowable(() -> ask(router));

        assertThat(thrown).isInstanceOf(AisaServerException.class);
        assertThat(stubs.requests("only")).isEqualTo(3);
        List<Duration> waits = stubs.routerSleeper.waits;
        assertThat(waits).hasSize(2);
        assertThat(waits.get(0)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1250));
        assertThat(waits.get(1)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2500));
    }

    // ---------------------------------------------------------------- 400 context length

    @Test
    void a_context_length_error_goes_only_along_the_context_window_chain() {
        stubs.responds("small", contextTooLong());
        stubs.answers("next");
        stubs.answers("large");
        stubs.answers("lenient");
        RoutingChatModel router = router(stubs.model("small"), stubs.model("next"))
                .contextWindowFallbacks(stubs.model("large"))
                .contentPolicyFallbacks(stubs.model("lenient"))
                .build();

        ChatResponse response = ask(router);

        assertThat(response.aiMessage().text()).isEqualTo("answer from large");
        assertThat(traceOf(response).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("small", FAILED), tuple("large", ANSWERED));
        assertThat(traceOf(response).attempts().get(0).error()).startsWith("ContextLengthExceededException: ");
        assertThat(stubs.requests("next")).as("the main chain's next model").isZero();
        assertThat(stubs.requests("lenient")).isZero();
        assertThat(stubs.routerSleeper.waits).isEmpty();
        assertThat(health(router, "small").calls()).as("not cooled down").isZero();
    }

    @Test
    void a_context_length_error_without_a_context_window_chain_fails_fast() {
        stubs.responds("small", contextTooLong());
        stubs.answers("next");
        RoutingChatModel router =
                router(stubs.model("small"), stubs.model("next")).build();

        Throwable thrown = catchThrowable(() -> ask(router));

        assertThat(thrown).isInstanceOf(ContextLengthExceededException.class);
        assertThat(((AisaError) thrown).errorCode()).isEqualTo("context_length_exceeded");
        assertThat(stubs.requests("small")).isEqualTo(1);
        assertThat(stubs.requests("next")).isZero();
    }

    @Test
    void a_prompt_too_long_for_the_first_larger_model_goes_on_to_the_next_larger_one() {
        stubs.responds("small", contextTooLong());
        stubs.responds("large", contextTooLong());
        stubs.answers("huge");
        stubs.answers("next");
        RoutingChatModel router = router(stubs.model("small"), stubs.model("next"))
                .contextWindowFallbacks(stubs.model("large"), stubs.model("huge"))
                .build();
        AtomicReference<ChatResponse> answer = new AtomicReference<>();

        Throwable thrown = catchThrowable(() -> answer.set(ask(router)));

        assertThat(thrown)
                .as("the context-window chain is tried in order until a model's window fits the prompt")
                .isNull();
        assertThat(traceOf(answer.get()).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("small", FAILED), tuple("large", FAILED), tuple("huge", ANSWERED));
        assertThat(stubs.requests("next")).isZero();
    }

    // ---------------------------------------------------------------- 400/422 content policy

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 422})
    void a_content_policy_refusal_goes_only_along_the_content_policy_chain(int status) {
        stubs.responds("strict", contentPolicy(status));
        stubs.answers("next");
        stubs.answers("large");
        stubs.answers("lenient");
        RoutingChatModel router = router(stubs.model("strict"), stubs.model("next"))
                .contextWindowFallbacks(stubs.model("large"))
                .contentPolicyFallbacks(stubs.model("lenient"))
                .build();

        ChatResponse response = ask(router);

        assertThat(response.aiMessage().text()).isEqualTo("answer from lenient");
        assertThat(traceOf(response).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("strict", FAILED), tuple("lenient", ANSWERED));
        assertThat(traceOf(response).attempts().get(0).error()).startsWith("ContentPolicyException: ");
        assertThat(stubs.requests("next")).isZero();
        assertThat(stubs.requests("large")).isZero();
        assertThat(health(router, "strict").calls()).as("not cooled down").isZero();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 422})
    void a_content_policy_refusal_without_a_content_policy_chain_fails_fast(int status) {
        stubs.responds("strict", contentPolicy(status));
        stubs.answers("next");
        stubs.answers("large");
        RoutingChatModel router = router(stubs.model("strict"), stubs.model("next"))
                .contextWindowFallbacks(stubs.model("large"))
                .build();

        Throwable thrown = catchThrowable(() -> ask(router));

        assertThat(thrown).isInstanceOf(ContentPolicyException.class);
        assertThat(((AisaError) thrown).statusCode()).isEqualTo(status);
        assertThat(stubs.requests("next")).isZero();
        assertThat(stubs.requests("large")).isZero();
    }

    // ---------------------------------------------------------------- other 400/422

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {400, 422})
    void any_other_invalid_request_fails_fast_everywhere(int status) {
        stubs.responds("primary", invalidRequest(status));
        stubs.answers("backup");
        stubs.answers("large");
        stubs.answers("lenient");
        RoutingChatModel router = router(stubs.model("primary"), stubs.model("backup"))
                .contextWindowFallbacks(stubs.model("large"))
                .contentPolicyFallbacks(stubs.model("lenient"))
                .build();

        Throwable thrown = catchThrowable(() -> ask(router));

        assertThat(thrown).isInstanceOf(AisaInvalidRequestException.class);
        assertThat(((AisaError) thrown).details().param()).isEqualTo("temperature");
        assertThat(stubs.allRequests()).isEqualTo(1);
        assertThat(stubs.routerSleeper.waits).isEmpty();
        assertThat(health(router, "primary").calls()).isZero();
    }

    // ---------------------------------------------------------------- exceptions the policy does not know

    @Test
    void a_200_with_a_null_message_is_the_models_failure_and_the_next_model_answers() {
        stubs.responds("primary", okJson("{\"choices\":[{\"index\":0,\"message\":null,\"finish_reason\":null}]}"));
        stubs.answers("backup");
        RoutingChatModel router = primaryAndBackup();

        ChatResponse response = ask(router);

        assertThat(response.aiMessage().text()).isEqualTo("answer from backup");
        Attempt failed = traceOf(response).attempts().get(0);
        assertThat(failed.outcome()).isEqualTo(FAILED);
        assertThat(failed.error()).startsWith("AisaServerException: ").contains("choices[0].message is null");
        assertThat(health(router, "primary").calls())
                .as("counted by the breaker")
                .isEqualTo(1);
    }

    @Test
    void an_unknown_exception_from_any_model_moves_on_and_is_reported_in_the_route() {
        stubs.answers("backup");
        ChatModel broken = RoutingStubs.failingWith(
                () -> new NullPointerException("Cannot invoke \"AssistantMessage.refusal()\""));
        RoutingChatModel router = router(broken, stubs.model("backup")).build();

        ChatResponse response = ask(router);

        assertThat(response.aiMessage().text()).isEqualTo("answer from backup");
        assertThat(traceOf(response).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("route-1", FAILED), tuple("backup", ANSWERED));
        assertThat(traceOf(response).attempts().get(0).error()).startsWith("NullPointerException: ");
        assertThat(health(router, "route-1").calls())
                .as("counted by the breaker")
                .isEqualTo(1);
    }

    @Test
    void an_illegal_argument_means_the_request_is_wrong_everywhere_and_fails_fast() {
        stubs.answers("backup");
        ChatModel strict =
                RoutingStubs.failingWith(() -> new IllegalArgumentException("temperature must be between 0 and 2"));
        RoutingChatModel router = router(strict, stubs.model("backup")).build();

        assertThat(catchThrowable(() -> ask(router))).isInstanceOf(IllegalArgumentException.class);
        assertThat(stubs.requests("backup")).isZero();
        assertThat(health(router, "route-1").calls()).isZero();
    }

    @Test
    void an_interrupted_caller_is_not_sent_on_to_the_next_model() {
        stubs.answers("backup");
        ChatModel interrupted = RoutingStubs.failingWith(() -> {
            Thread.currentThread().interrupt();
            return new IllegalStateException("interrupted while waiting for a connection");
        });
        RoutingChatModel router = router(interrupted, stubs.model("backup")).build();

        try {
            assertThat(catchThrowable(() -> ask(router))).isInstanceOf(IllegalStateException.class);
            assertThat(stubs.requests("backup")).isZero();
        } finally {
            Thread.interrupted();
        }
    }

    // ---------------------------------------------------------------- the answering model's metadata

    @Test
    void a_foreign_models_metadata_is_kept_whole_beside_the_route() {
        stubs.responds(
                "openai-direct",
                okJson(completion("openai-direct", "hello")
                        .replace(
                                "\"created\":1741570283",
                                "\"created\":1741570283,\"service_tier\":\"flex\","
                                        + "\"system_fingerprint\":\"fp_42\"")));
        ChatModel openAi = dev.langchain4j.model.openai.OpenAiChatModel.builder()
                .baseUrl(stubs.baseUrl())
                .apiKey("sk-test")
                .modelName("openai-direct")
                .maxRetries(0)
                .build();
        RoutingChatModel router = router(openAi).build();

        ChatResponse response = ask(router);

        AisaChatResponseMetadata metadata = (AisaChatResponseMetadata) response.metadata();
        assertThat(metadata.route().answeredBy()).isEqualTo("route-1");
        assertThat(metadata.serviceTier()).isEqualTo("flex");
        assertThat(metadata.systemFingerprint()).isEqualTo("fp_42");
        assertThat(metadata.answeringModelMetadata())
                .isInstanceOfSatisfying(
                        dev.langchain4j.model.openai.OpenAiChatResponseMetadata.class,
                        openAiMetadata ->
                                assertThat(openAiMetadata.serviceTier()).isEqualTo("flex"));
        stubs.answers("primary");
        assertThat(((AisaChatResponseMetadata)
                                ask(router(stubs.model("primary")).build()).metadata())
                        .answeringModelMetadata())
                .as("an AIsa model's fields are all in the metadata itself")
                .isNull();
    }

    @Test
    void attempt_latencies_come_from_the_injected_nano_source() {
        stubs.responds("primary", serverError(503));
        stubs.answers("backup");
        java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
        RoutingChatModel router = router(stubs.model("primary"), stubs.model("backup"))
                .nanoTime(() -> nanos.getAndAdd(7_000_000)) // every reading 7 ms after the one before
                .build();

        ChatResponse response = ask(router);

        assertThat(traceOf(response).attempts())
                .extracting(Attempt::latency)
                .containsExactly(Duration.ofMillis(7), Duration.ofMillis(7));
    }

    // ---------------------------------------------------------------- knobs

    @Test
    void retry_before_fallback_retries_the_primary_first() {
        stubs.responds("primary", serverError(503));
        stubs.answers("backup");
        RoutingChatModel router = router(stubs.model("primary"), stubs.model("backup"))
                .retryPolicy(EXACT)
                .retryBeforeFallback(true)
                .build();

        ChatResponse response = ask(router);

        assertThat(response.aiMessage().text()).isEqualTo("answer from backup");
        assertThat(stubs.requests("primary")).isEqualTo(3);
        assertThat(stubs.routerSleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(traceOf(response).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(
                        tuple("primary", FAILED),
                        tuple("primary", FAILED),
                        tuple("primary", FAILED),
                        tuple("backup", ANSWERED));
    }

    @Test
    void without_fallback_only_the_first_model_is_asked_with_its_retries_and_breakers_are_shared() {
        stubs.responds("primary", serverError(503));
        stubs.answers("backup");
        RoutingChatModel router = router(stubs.model("primary"), stubs.model("backup"))
                .retryPolicy(EXACT)
                .build();

        Throwable thrown = catchThrowable(() -> ask(router.withoutFallback()));

        assertThat(thrown).isInstanceOf(AisaServerException.class);
        assertThat(thrown.getSuppressed()).hasSize(2);
        assertThat(stubs.requests("primary")).isEqualTo(3);
        assertThat(stubs.requests("backup")).isZero();
        assertThat(stubs.routerSleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));

        assertThat(health(router, "primary").state()).isEqualTo("OPEN");
        ChatResponse routed = ask(router);
        assertThat(traceOf(routed).attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("primary", SKIPPED_CIRCUIT_OPEN), tuple("backup", ANSWERED));
        assertThat(stubs.requests("primary")).isEqualTo(3);
    }

    @Test
    void without_fallback_answers_from_the_first_model() {
        stubs.answers("primary");
        stubs.answers("backup");
        RoutingChatModel router = primaryAndBackup().withoutFallback();

        ChatResponse response = ask(router);

        assertThat(traceOf(response).answeredBy()).isEqualTo("primary");
        assertThat(stubs.requests("backup")).isZero();
    }

    @Test
    void max_hops_caps_the_models_tried() {
        stubs.responds("a", serverError(503));
        stubs.responds("b", serverError(502));
        stubs.answers("c");
        RoutingChatModel router = router(stubs.model("a"), stubs.model("b"), stubs.model("c"))
                .retryPolicy(RetryPolicy.none())
                .maxHops(2)
                .build();

        Throwable thrown = catchThrowable(() -> ask(router));

        assertThat(thrown).isInstanceOf(AisaServerException.class);
        assertThat(((AisaError) thrown).statusCode()).isEqualTo(502);
        assertThat(thrown.getSuppressed())
                .singleElement()
                .satisfies(earlier ->
                        assertThat(((AisaError) earlier).statusCode()).isEqualTo(503));
        assertThat(stubs.requests("a")).isEqualTo(1);
        assertThat(stubs.requests("b")).isEqualTo(1);
        assertThat(stubs.requests("c")).isZero();
    }

    @Test
    void the_last_model_within_the_hop_cap_is_the_one_retried() {
        stubs.responds("a", serverError(503));
        stubs.respondsInTurn("b", serverError(503), serverError(503), okJson(completion("b", "b at last")));
        stubs.answers("c");
        RoutingChatModel router = router(stubs.model("a"), stubs.model("b"), stubs.model("c"))
                .retryPolicy(EXACT)
                .maxHops(2)
                .build();

        assertThat(ask(router).aiMessage().text()).isEqualTo("b at last");
        assertThat(stubs.routerSleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(stubs.requests("c")).isZero();
    }

    @Test
    void a_custom_failover_policy_can_make_rate_limits_fail_fast() {
        stubs.responds("primary", rateLimited("Retry-After", "1"));
        stubs.answers("backup");
        RoutingChatModel router = router(stubs.model("primary"), stubs.model("backup"))
                .failoverPolicy(FailoverPolicy.defaults().toBuilder()
                        .on(ErrorCategory.RATE_LIMIT, FailoverDecision.FAIL_FAST)
                        .build())
                .build();

        Throwable thrown = catchThrowable(() -> ask(router));

        assertThat(thrown).isInstanceOf(AisaRateLimitException.class);
        assertThat(stubs.requests("primary")).isEqualTo(1);
        assertThat(stubs.requests("backup")).isZero();
        assertThat(stubs.routerSleeper.waits).isEmpty();
    }

    @Test
    void a_custom_failover_policy_can_move_on_after_an_invalid_request() {
        stubs.responds("primary", invalidRequest(400));
        stubs.answers("backup");
        RoutingChatModel router = router(stubs.model("primary"), stubs.model("backup"))
                .failoverPolicy(FailoverPolicy.builder()
                        .on(ErrorCategory.INVALID_REQUEST, FailoverDecision.NEXT_MODEL)
                        .build())
                .build();

        ChatResponse response = ask(router);

        assertThat(traceOf(response).answeredBy()).isEqualTo("backup");
        assertThat(traceOf(response).attempts().get(0).error()).startsWith("AisaInvalidRequestException: ");
    }

    // ---------------------------------------------------------------- the route trace

    @Test
    void the_answer_carries_the_route_it_took() {
        stubs.responds("primary", serverError(503));
        stubs.answers("backup", "Hello from backup");
        RoutingChatModel router = primaryAndBackup();

        ChatResponse response = ask(router);

        assertThat(response.metadata()).isInstanceOf(AisaChatResponseMetadata.class);
        AisaChatResponseMetadata metadata = (AisaChatResponseMetadata) response.metadata();
        assertThat(metadata.modelName()).isEqualTo("backup");
        assertThat(metadata.cost()).isEqualByComparingTo(new BigDecimal("0.0012"));
        assertThat(metadata.creditsRemaining()).isEqualByComparingTo(new BigDecimal("4.9988"));
        assertThat(response.tokenUsage().totalTokenCount()).isEqualTo(11);

        RouteTrace trace = metadata.route();
        assertThat(trace.answeredBy()).isEqualTo("backup");
        assertThat(trace.fellBack()).isTrue();
        assertThat(trace.calls()).isEqualTo(2);
        Attempt failed = trace.attempts().get(0);
        assertThat(failed.model()).isEqualTo("primary");
        assertThat(failed.outcome()).isEqualTo(FAILED);
        assertThat(failed.error())
                .startsWith("AisaServerException: AIsa gateway error: HTTP 503")
                .contains("upstream overloaded")
                .doesNotContain(RoutingStubs.API_KEY);
        assertThat(failed.latency()).isPositive();
        Attempt answered = trace.attempts().get(1);
        assertThat(answered.model()).isEqualTo("backup");
        assertThat(answered.outcome()).isEqualTo(ANSWERED);
        assertThat(answered.error()).isNull();
        assertThat(answered.latency()).isPositive();
        assertThat(trace).hasToString("primary failed (" + failed.error() + ") -> backup answered");
    }

    @Test
    void an_answer_from_the_first_model_did_not_fall_back() {
        stubs.answers("primary", "first try");
        stubs.answers("backup");
        RoutingChatModel router = primaryAndBackup();

        ChatResponse response = ask(router);

        RouteTrace trace = traceOf(response);
        assertThat(response.aiMessage().text()).isEqualTo("first try");
        assertThat(trace.answeredBy()).isEqualTo("primary");
        assertThat(trace.fellBack()).isFalse();
        assertThat(trace.calls()).isEqualTo(1);
        assertThat(trace).hasToString("primary answered");
        assertThat(stubs.requests("backup")).isZero();
    }

    // ---------------------------------------------------------------- when nothing answers

    @Test
    void when_every_model_fails_the_last_error_is_thrown_with_the_earlier_ones_suppressed() {
        stubs.responds("a", serverError(500));
        stubs.responds("b", serverError(502));
        stubs.responds("c", serverError(504));
        RoutingChatModel router = router(stubs.model("a"), stubs.model("b"), stubs.model("c"))
                .retryPolicy(EXACT.toBuilder().maxRetries(1).build())
                .build();

        Throwable thrown = catchThrowable(() -> ask(router));

        assertThat(thrown).isInstanceOf(AisaServerException.class);
        assertThat(((AisaError) thrown).statusCode()).isEqualTo(504);
        assertThat(thrown.getSuppressed())
                .as("every earlier failure, in order, none lost")
                .hasSize(3)
                .allSatisfy(earlier -> assertThat(earlier).isInstanceOf(AisaServerException.class))
                .doesNotContain(thrown);
        assertThat(thrown.getSuppressed())
                .extracting(earlier -> ((AisaError) earlier).statusCode())
                .containsExactly(500, 502, 504);
        assertThat(stubs.routerSleeper.waits).containsExactly(Duration.ofSeconds(1));
        assertThat(stubs.requests("c")).isEqualTo(2);
    }

    @Test
    void when_every_circuit_is_open_no_route_is_available_and_nothing_is_sent() {
        stubs.responds("a", modelNotFound());
        stubs.responds("b", noChannel());
        RoutingChatModel router = router(stubs.model("a"), stubs.model("b")).build();
        Throwable first = catchThrowable(() -> ask(router));
        assertThat(first).isInstanceOf(AisaModelNotFoundException.class);
        assertThat(first.getSuppressed()).singleElement().isInstanceOf(AisaModelNotFoundException.class);

        Throwable thrown = catchThrowable(() -> ask(router));

        assertThat(thrown).isInstanceOf(NoRouteAvailableException.class).isInstanceOf(RetriableException.class);
        assertThat(thrown.getMessage())
                .contains("every circuit is open")
                .contains("a skipped (circuit open) -> b skipped (circuit open)");
        RouteTrace trace = ((NoRouteAvailableException) thrown).trace();
        assertThat(trace.answeredBy()).isNull();
        assertThat(trace.fellBack()).isFalse();
        assertThat(trace.calls()).isZero();
        assertThat(trace.attempts())
                .extracting(Attempt::model, Attempt::outcome)
                .containsExactly(tuple("a", SKIPPED_CIRCUIT_OPEN), tuple("b", SKIPPED_CIRCUIT_OPEN));
        assertThat(stubs.requests("a")).isEqualTo(1);
        assertThat(stubs.requests("b")).isEqualTo(1);
    }

    // ---------------------------------------------------------------- what reaches the models

    @Test
    void a_request_level_model_name_does_not_reach_the_models() {
        stubs.responds("m1", serverError(500));
        stubs.answers("m2");
        RoutingChatModel router = router(stubs.model("m1"), stubs.model("m2")).build();
        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from("hi"))
                .parameters(OpenAiChatRequestParameters.builder()
                        .modelName("gpt-5")
                        .seed(42)
                        .build())
                .build();

        ChatResponse response = router.chat(request);

        assertThat(response.aiMessage().text()).isEqualTo("answer from m2");
        List<JsonNode> bodies = stubs.requestBodies();
        assertThat(bodies).extracting(body -> body.get("model").asText()).containsExactly("m1", "m2");
        assertThat(bodies)
                .as("the rest of the request's parameters still reach every model")
                .allSatisfy(body -> assertThat(body.path("seed").asInt()).isEqualTo(42));
    }

    @Test
    void a_request_level_model_name_in_generic_parameters_does_not_reach_the_models() {
        stubs.responds("m1", serverError(500));
        stubs.answers("m2");
        RoutingChatModel router = router(stubs.model("m1"), stubs.model("m2")).build();
        ChatRequest request = ChatRequest.builder()
                .messages(UserMessage.from("hi"))
                .parameters(ChatRequestParameters.builder()
                        .modelName("claude-opus-4")
                        .temperature(0.3)
                        .build())
                .build();

        router.chat(request);

        List<JsonNode> bodies = stubs.requestBodies();
        assertThat(bodies).extracting(body -> body.get("model").asText()).containsExactly("m1", "m2");
        assertThat(bodies)
                .allSatisfy(
                        body -> assertThat(body.path("temperature").asDouble()).isEqualTo(0.3));
    }

    @Test
    void models_built_with_their_own_retries_are_not_retried_by_themselves_inside_the_router() {
        stubs.responds("a", serverError(503));
        stubs.responds("b", serverError(503));
        AisaChatModel a = stubs.model("a");
        AisaChatModel b = stubs.model("b");
        assertThat(a.retryPolicy().maxRetries()).isEqualTo(2);
        RoutingChatModel router = router(a, b).retryPolicy(EXACT).build();

        Throwable thrown = catchThrowable(() -> ask(router));

        assertThat(thrown).isInstanceOf(AisaServerException.class);
        assertThat(stubs.requests("a")).as("moved on at once, not 3 attempts").isEqualTo(1);
        assertThat(stubs.requests("b")).as("the router's 3 attempts, not 3 x 3").isEqualTo(3);
        assertThat(stubs.modelSleeper.waits).isEmpty();
        assertThat(stubs.routerSleeper.waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));

        // the user's own model keeps its retries outside the router (so the counts above could have stacked)
        assertThat(a.retryPolicy().maxRetries()).isEqualTo(2);
        assertThat(catchThrowable(() -> ask(a))).isInstanceOf(AisaServerException.class);
        assertThat(stubs.requests("a")).isEqualTo(1 + 3);
    }

    // ---------------------------------------------------------------- listeners

    @Test
    void router_listeners_fire_once_per_call_and_model_listeners_once_per_attempt() {
        CountingListener routerListener = new CountingListener();
        CountingListener aListener = new CountingListener();
        CountingListener bListener = new CountingListener();
        stubs.responds("a", serverError(503));
        stubs.respondsInTurn("b", serverError(503), okJson(completion("b", "from b")));
        RoutingChatModel router = router(
                        stubs.chatModel("a").listeners(aListener).build(),
                        stubs.chatModel("b").listeners(bListener).build())
                .retryPolicy(EXACT)
                .listeners(routerListener)
                .build();

        ChatResponse response = ask(router);

        assertThat(response.aiMessage().text()).isEqualTo("from b");
        assertThat(routerListener.counts()).containsExactly(1, 1, 0);
        assertThat(routerListener.responses)
                .singleElement()
                .satisfies(seen -> assertThat(traceOf(seen).answeredBy()).isEqualTo("b"));
        assertThat(aListener.counts()).containsExactly(1, 0, 1);
        assertThat(bListener.counts()).containsExactly(2, 1, 1);
    }

    @Test
    void a_failed_call_reaches_the_router_listeners_once() {
        CountingListener routerListener = new CountingListener();
        CountingListener modelListener = new CountingListener();
        stubs.responds("only", serverError(500));
        RoutingChatModel router = router(
                        stubs.chatModel("only").listeners(modelListener).build())
                .retryPolicy(EXACT)
                .listeners(routerListener)
                .build();

        assertThat(catchThrowable(() -> ask(router))).isInstanceOf(AisaServerException.class);

        assertThat(routerListener.counts()).containsExactly(1, 0, 1);
        assertThat(modelListener.counts()).containsExactly(3, 0, 3);
    }

    // ---------------------------------------------------------------- capabilities

    @Test
    void capabilities_are_the_intersection_of_the_routes() {
        AisaChatModel gpt = stubs.model("gpt-4o-mini");
        AisaChatModel claude = stubs.model("claude-sonnet-4-5");
        assertThat(gpt.supportedCapabilities()).contains(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(claude.supportedCapabilities()).doesNotContain(Capability.RESPONSE_FORMAT_JSON_SCHEMA);

        assertThat(RoutingChatModel.builder().models(gpt, claude).build().supportedCapabilities())
                .isEmpty();
        assertThat(RoutingChatModel.builder()
                        .models(gpt, stubs.model("gpt-4o"))
                        .build()
                        .supportedCapabilities())
                .containsExactly(Capability.RESPONSE_FORMAT_JSON_SCHEMA);
        assertThat(RoutingChatModel.builder()
                        .models(gpt, stubs.model("gpt-4o"))
                        .contextWindowFallbacks(claude)
                        .build()
                        .supportedCapabilities())
                .as("fallback chains count too")
                .isEmpty();
    }

    record Person(String name, int age) {}

    interface Extractor {
        Person extract(String text);
    }

    @Test
    void an_ai_service_over_json_schema_routes_sends_a_json_schema_to_each_model_it_tries() {
        stubs.responds("gpt-4o-mini", serverError(503));
        stubs.answers("gpt-4o", "{\"name\":\"Ada\",\"age\":36}");
        RoutingChatModel router =
                router(stubs.model("gpt-4o-mini"), stubs.model("gpt-4o")).build();

        Person person = AiServices.create(Extractor.class, router).extract("Ada is 36.");

        assertThat(person).isEqualTo(new Person("Ada", 36));
        List<JsonNode> bodies = stubs.requestBodies();
        assertThat(bodies).hasSize(2);
        assertThat(bodies).allSatisfy(body -> {
            assertThat(body.at("/response_format/type").asText()).isEqualTo("json_schema");
            assertThat(body.at("/response_format/json_schema/schema/properties/age/type")
                            .asText())
                    .isEqualTo("integer");
        });
    }

    @Test
    void an_ai_service_over_a_route_without_json_schema_puts_the_format_in_the_prompt() {
        stubs.answers("gpt-4o-mini", "{\"name\":\"Ada\",\"age\":36}");
        stubs.answers("claude-sonnet-4-5");
        RoutingChatModel router = router(stubs.model("gpt-4o-mini"), stubs.model("claude-sonnet-4-5"))
                .build();

        Person person = AiServices.create(Extractor.class, router).extract("Ada is 36.");

        assertThat(person).isEqualTo(new Person("Ada", 36));
        JsonNode body = stubs.requestBodies().get(0);
        assertThat(body.has("response_format")).isFalse();
        assertThat(body.at("/messages/0/content").asText())
                .contains("Ada is 36.")
                .contains("\"age\"");
    }

    // ---------------------------------------------------------------- configuration

    @Test
    void build_fails_without_models() {
        assertThatThrownBy(() -> RoutingChatModel.builder().build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one model")
                .hasMessageContaining("models(primary, fallback, ...)");
    }

    @Test
    void build_fails_on_a_null_model() {
        AisaChatModel a = stubs.model("a");
        assertThatThrownBy(() -> RoutingChatModel.builder().models(a, null).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("Invalid router configuration")
                .hasMessageContaining("models(...): model #2 is null");
        assertThatThrownBy(() -> RoutingChatModel.builder()
                        .models((List<ChatModel>) null)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("models(...) was given null");
    }

    @Test
    void build_fails_on_a_model_listed_twice() {
        AisaChatModel a = stubs.model("a");
        AisaChatModel b = stubs.model("b");
        assertThatThrownBy(() -> RoutingChatModel.builder().models(a, b, a).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("model 'a' appears twice")
                .hasMessageContaining("cycle")
                .hasMessageContaining("list each model once");
        assertThatThrownBy(() -> RoutingChatModel.builder()
                        .models(a)
                        .contextWindowFallbacks(b, b)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("contextWindowFallbacks(...): model 'b' appears twice");
    }

    @Test
    void build_fails_on_max_hops_below_one() {
        AisaChatModel a = stubs.model("a");
        assertThatThrownBy(() -> RoutingChatModel.builder().models(a).maxHops(0).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxHops must be at least 1, was 0");
    }

    @Test
    void a_retry_policy_with_negative_retries_fails_at_build() {
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetries(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("maxRetries must be 0 or more, was -1");
    }

    @Test
    void null_settings_name_the_setting() {
        AisaChatModel a = stubs.model("a");
        assertThatThrownBy(() ->
                        RoutingChatModel.builder().models(a).retryPolicy(null).build())
                .hasMessageContaining("retryPolicy must not be null");
        assertThatThrownBy(() -> RoutingChatModel.builder()
                        .models(a)
                        .failoverPolicy(null)
                        .build())
                .hasMessageContaining("failoverPolicy must not be null");
        assertThatThrownBy(() -> RoutingChatModel.builder()
                        .models(a)
                        .circuitBreaker(null)
                        .build())
                .hasMessageContaining("circuitBreaker must not be null");
        assertThatThrownBy(
                        () -> RoutingChatModel.builder().models(a).clock(null).build())
                .hasMessageContaining("clock must not be null");
        assertThatThrownBy(
                        () -> RoutingChatModel.builder().models(a).sleeper(null).build())
                .hasMessageContaining("sleeper must not be null");
    }

    // ---------------------------------------------------------------- health

    @Test
    void health_lists_every_model_with_the_state_of_its_circuit() {
        stubs.respondsInTurn(
                "a", serverError(500), serverError(500), serverError(500), okJson(completion("a", "a is back")));
        stubs.answers("b");
        stubs.answers("c");
        stubs.answers("d");
        RoutingChatModel router = router(stubs.model("a"), stubs.model("b"), stubs.model("c"))
                .contextWindowFallbacks(stubs.model("d"))
                .circuitBreaker(
                        CircuitBreakerSettings.builder().halfOpenProbes(2).build())
                .build();

        assertThat(router.health())
                .extracting(RouteHealth::model, RouteHealth::state)
                .containsExactly(
                        tuple("a", "CLOSED"), tuple("b", "CLOSED"), tuple("c", "CLOSED"), tuple("d", "CLOSED"));
        assertThat(router.health())
                .allSatisfy(health -> assertThat(health.available()).isTrue());

        ask(router);
        ask(router);
        ask(router);
        assertThat(health(router, "a").state()).isEqualTo("OPEN");
        assertThat(health(router, "a").available()).isFalse();
        assertThat(health(router, "a").failureRate()).isEqualTo(100f);
        assertThat(health(router, "a").calls()).isEqualTo(3);
        assertThat(health(router, "b").state()).isEqualTo("CLOSED");
        assertThat(health(router, "b").calls()).isEqualTo(3);
        assertThat(health(router, "b").failureRate()).isEqualTo(0f);

        clock.advance(Duration.ofSeconds(31));
        ChatResponse probe = ask(router);
        assertThat(traceOf(probe).answeredBy()).isEqualTo("a");
        assertThat(health(router, "a").state()).as("one of two probes answered").isEqualTo("HALF_OPEN");
        assertThat(health(router, "a").available()).isTrue();

        ask(router);
        assertThat(health(router, "a").state()).isEqualTo("CLOSED");
        assertThat(router.toString()).startsWith("RoutingChatModel[").contains("model=a, state=CLOSED");
    }

    private static RouteHealth health(RoutingChatModel router, String model) {
        return router.health().stream()
                .filter(health -> health.model().equals(model))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no health entry for " + model + ": " + router.health()));
    }

    /** Counts what a listener is told: requests, responses, errors. */
    static final class CountingListener implements ChatModelListener {

        final AtomicInteger requests = new AtomicInteger();
        final AtomicInteger errors = new AtomicInteger();
        final List<ChatResponse> responses = new CopyOnWriteArrayList<>();

        @Override
        public void onRequest(ChatModelRequestContext requestContext) {
            requests.incrementAndGet();
        }

        @Override
        public void onResponse(ChatModelResponseContext responseContext) {
            responses.add(responseContext.chatResponse());
        }

        @Override
        public void onError(ChatModelErrorContext errorContext) {
            errors.incrementAndGet();
        }

        List<Integer> counts() {
            return List.of(requests.get(), responses.size(), errors.get());
        }
    }
}

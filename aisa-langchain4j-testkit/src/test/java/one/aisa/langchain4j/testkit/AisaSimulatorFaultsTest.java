package one.aisa.langchain4j.testkit;

import static one.aisa.langchain4j.testkit.SimulatorTestSupport.noRetry;
import static one.aisa.langchain4j.testkit.SimulatorTestSupport.noRetryStreaming;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.chat.response.ChatResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import one.aisa.langchain4j.AisaChatModel;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import one.aisa.langchain4j.exception.AisaRateLimitException;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.exception.AisaTimeoutException;
import one.aisa.langchain4j.exception.ContentPolicyException;
import one.aisa.langchain4j.exception.ContextLengthExceededException;
import one.aisa.langchain4j.exception.InsufficientCreditsException;
import one.aisa.langchain4j.testkit.SimulatorTestSupport.StreamRecorder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Injected faults, as our blocking and streaming models see them. Uses the JUnit extension. */
@AisaSimulatorTest
class AisaSimulatorFaultsTest {

    private static final String MODEL = "gpt-4o-mini";

    static Stream<Arguments> httpFaults() {
        return Stream.of(
                arguments(SimulatedFault.status(401), AisaAuthenticationException.class, 401, "invalid_api_key"),
                arguments(SimulatedFault.status(402), InsufficientCreditsException.class, 402, "insufficient_credits"),
                arguments(SimulatedFault.status(404), AisaModelNotFoundException.class, 404, "model_not_found"),
                arguments(SimulatedFault.status(429), AisaRateLimitException.class, 429, "rate_limit_exceeded"),
                arguments(SimulatedFault.status(500), AisaServerException.class, 500, "server_error"),
                arguments(
                        SimulatedFault.noAvailableChannel(),
                        AisaModelNotFoundException.class,
                        503,
                        "model_not_available"),
                arguments(
                        SimulatedFault.contextLengthExceeded(),
                        ContextLengthExceededException.class,
                        400,
                        "context_length_exceeded"),
                arguments(
                        SimulatedFault.contentPolicy(), ContentPolicyException.class, 422, "content_policy_violation"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpFaults")
    void an_http_fault_reaches_the_blocking_model_typed_and_is_not_charged(
            SimulatedFault fault, Class<? extends Throwable> type, int status, String code, AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, fault);

        Throwable thrown = catchThrowable(() -> noRetry(simulator, MODEL).chat("hello"));

        assertThat(thrown).isInstanceOf(type).isInstanceOf(AisaError.class);
        assertThat(((AisaError) thrown).statusCode()).isEqualTo(status);
        assertThat(((AisaError) thrown).errorCode()).isEqualTo(code);
        assertThat(simulator.credits()).as("a failed call is free").isEqualByComparingTo("10.00");
        assertThat(noRetry(simulator, MODEL).chat("hello")).contains("[simulated " + MODEL + "]");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("httpFaults")
    void an_http_fault_reaches_the_streaming_model_typed(
            SimulatedFault fault, Class<? extends Throwable> type, int status, String code, AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, fault);
        StreamRecorder recorder = new StreamRecorder();

        noRetryStreaming(simulator, MODEL).chat("hello", recorder);
        Throwable error = recorder.error();

        assertThat(error).isInstanceOf(type);
        assertThat(((AisaError) error).statusCode()).isEqualTo(status);
        assertThat(recorder.partials).isEmpty();
        assertThat(recorder.completions).hasValue(0);
    }

    @Test
    void rate_limited_carries_retry_after_to_our_exception(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.rateLimited(Duration.ofSeconds(3)));
        simulator.failNext(MODEL, 1, SimulatedFault.rateLimited(Duration.ofMillis(1500)));
        AisaChatModel model = noRetry(simulator, MODEL);

        AisaRateLimitException whole = (AisaRateLimitException) catchThrowable(() -> model.chat("hi"));
        AisaRateLimitException fractional = (AisaRateLimitException) catchThrowable(() -> model.chat("hi"));

        assertThat(whole.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(fractional.retryAfter()).contains(Duration.ofMillis(1500));
    }

    @Test
    void our_retries_wait_exactly_the_retry_after_then_succeed(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.rateLimited(Duration.ofSeconds(2)));
        List<Duration> waits = new CopyOnWriteArrayList<>();

        String answer =
                simulator.chatModelBuilder(MODEL).sleeper(waits::add).build().chat("hi");

        assertThat(answer).contains("[simulated " + MODEL + "]");
        assertThat(waits).containsExactly(Duration.ofSeconds(2));
        assertThat(simulator.chatRequests()).hasSize(2);
    }

    @Test
    void two_failures_then_success_with_default_retries(AisaSimulator simulator) {
        simulator.failNext(MODEL, 2, SimulatedFault.status(503));
        List<Duration> waits = new CopyOnWriteArrayList<>();

        ChatResponse response = simulator
                .chatModelBuilder(MODEL)
                .sleeper(waits::add)
                .build()
                .chat(dev.langchain4j.data.message.UserMessage.from("third time lucky"));

        assertThat(response.aiMessage().text()).contains("third time lucky");
        assertThat(simulator.chatRequests()).hasSize(3);
        assertThat(waits).hasSize(2);
    }

    @Test
    void three_failures_exhaust_the_default_retries(AisaSimulator simulator) {
        simulator.failNext(MODEL, 3, SimulatedFault.status(503));

        assertThatThrownBy(() -> simulator
                        .chatModelBuilder(MODEL)
                        .sleeper(wait -> {})
                        .build()
                        .chat("never"))
                .isInstanceOf(AisaServerException.class);
        assertThat(simulator.chatRequests()).hasSize(3);
        assertThat(simulator.chatModel(MODEL).chat("now")).contains("now");
    }

    @Test
    void two_stream_failures_then_success_with_default_retries(AisaSimulator simulator) {
        simulator.failNext(MODEL, 2, SimulatedFault.status(500));
        StreamRecorder recorder = new StreamRecorder();

        simulator.streamingChatModelBuilder(MODEL).sleeper(wait -> {}).build().chat("streamed third time", recorder);

        assertThat(recorder.response().aiMessage().text()).contains("streamed third time");
        assertThat(simulator.chatRequests()).hasSize(3);
    }

    // ---- scope: which model, how often ----

    @Test
    void a_model_fault_does_not_leak_to_other_models(AisaSimulator simulator) {
        simulator.failAlways("gpt-4o", SimulatedFault.status(500));

        assertThat(noRetry(simulator, "gpt-4o-mini").chat("hi")).contains("gpt-4o-mini");
        assertThat(noRetry(simulator, "claude-sonnet-4-5").chat("hi")).contains("claude-sonnet-4-5");
        for (int call = 0; call < 3; call++) {
            assertThatThrownBy(() -> noRetry(simulator, "gpt-4o").chat("hi")).isInstanceOf(AisaServerException.class);
        }
    }

    @Test
    void fail_next_fails_exactly_n_calls_of_that_model(AisaSimulator simulator) {
        simulator.failNext("gpt-4o", 2, SimulatedFault.status(500));
        ChatModel other = noRetry(simulator, MODEL);
        ChatModel target = noRetry(simulator, "gpt-4o");

        assertThat(other.chat("a")).contains(MODEL);
        assertThat(other.chat("b")).contains(MODEL);
        assertThatThrownBy(() -> target.chat("1")).isInstanceOf(AisaServerException.class);
        assertThatThrownBy(() -> target.chat("2")).isInstanceOf(AisaServerException.class);
        assertThat(target.chat("3")).contains("gpt-4o");
    }

    @Test
    void any_model_next_n_hits_whichever_model_comes_first(AisaSimulator simulator) {
        simulator.failNext(AisaSimulator.ANY_MODEL, 1, SimulatedFault.status(500));

        assertThatThrownBy(() -> noRetry(simulator, "claude-haiku-4-5").chat("first"))
                .isInstanceOf(AisaServerException.class);
        assertThat(noRetry(simulator, MODEL).chat("second")).contains(MODEL);
        assertThat(noRetry(simulator, "claude-haiku-4-5").chat("third")).contains("claude-haiku-4-5");
    }

    @Test
    void any_model_always_hits_every_model_until_cleared(AisaSimulator simulator) {
        simulator.failAlways(AisaSimulator.ANY_MODEL, SimulatedFault.status(401));

        for (String model : List.of("gpt-4o", MODEL, "deepseek-v3.1", "gpt-4o")) {
            assertThatThrownBy(() -> noRetry(simulator, model).chat("hi"))
                    .isInstanceOf(AisaAuthenticationException.class);
        }
        simulator.clearFaults();
        assertThat(noRetry(simulator, "gpt-4o").chat("hi")).contains("gpt-4o");
    }

    @Test
    void a_model_fault_is_used_before_an_any_model_fault(AisaSimulator simulator) {
        simulator.failNext(AisaSimulator.ANY_MODEL, 1, SimulatedFault.status(500));
        simulator.failNext("gpt-4o", 1, SimulatedFault.status(401));
        ChatModel model = noRetry(simulator, "gpt-4o");

        assertThatThrownBy(() -> model.chat("1")).isInstanceOf(AisaAuthenticationException.class);
        assertThatThrownBy(() -> model.chat("2")).isInstanceOf(AisaServerException.class);
        assertThat(model.chat("3")).contains("gpt-4o");
    }

    @Test
    void clear_faults_keeps_scripts(AisaSimulator simulator) {
        simulator.whenPrompt("ping").reply("pong");
        simulator.failAlways(MODEL, SimulatedFault.status(500));
        assertThatThrownBy(() -> noRetry(simulator, MODEL).chat("ping")).isInstanceOf(AisaServerException.class);

        simulator.clearFaults();

        assertThat(noRetry(simulator, MODEL).chat("ping")).isEqualTo("pong");
    }

    @Test
    void reset_forgets_faults_scripts_requests_and_spending(AisaSimulator simulator) {
        simulator.whenPrompt("ping").reply("pong");
        simulator.failAlways("gpt-4o", SimulatedFault.status(500));
        simulator.chatModel(MODEL).chat("ping");
        simulator.credits(new BigDecimal("0.5"));

        simulator.reset();

        assertThat(simulator.requests()).isEmpty();
        assertThat(simulator.credits()).isEqualByComparingTo("10.00");
        assertThat(noRetry(simulator, MODEL).chat("ping")).isNotEqualTo("pong").contains("ping");
        assertThat(noRetry(simulator, "gpt-4o").chat("hi")).contains("gpt-4o");
    }

    // ---- latency, broken connections, bad bodies ----

    @Test
    void latency_beyond_the_client_timeout_is_our_timeout_exception(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.latency(Duration.ofMillis(300)));

        assertThatThrownBy(() -> simulator
                        .chatModelBuilder(MODEL)
                        .timeout(Duration.ofMillis(100))
                        .maxRetries(0)
                        .build()
                        .chat("slow"))
                .isInstanceOf(AisaTimeoutException.class);
    }

    @Test
    void latency_within_the_client_timeout_still_answers(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.latency(Duration.ofMillis(50)));
        long start = System.nanoTime();

        String answer = simulator
                .chatModelBuilder(MODEL)
                .timeout(Duration.ofSeconds(5))
                .maxRetries(0)
                .build()
                .chat("a bit slow");

        // a lower bound only: the server cannot answer before its fixed delay, so this never flakes
        assertThat(Duration.ofNanos(System.nanoTime() - start)).isGreaterThanOrEqualTo(Duration.ofMillis(50));
        assertThat(answer).contains("a bit slow");
        assertThat(simulator.chatRequests()).hasSize(1);
    }

    @Test
    void a_connection_reset_is_our_connection_exception(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.connectionReset());

        assertThatThrownBy(() -> noRetry(simulator, MODEL).chat("hi")).isInstanceOf(AisaConnectionException.class);
        assertThat(noRetry(simulator, MODEL).chat("hi")).contains(MODEL);
    }

    @Test
    void a_malformed_body_is_our_server_exception(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.malformedBody());

        assertThatThrownBy(() -> noRetry(simulator, MODEL).chat("hi"))
                .isInstanceOf(AisaServerException.class)
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void an_error_in_stream_fault_on_a_blocking_call_is_a_server_exception(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.errorInStream(2));

        assertThatThrownBy(() -> noRetry(simulator, MODEL).chat("hi")).isInstanceOf(AisaServerException.class);
    }

    // ---- faults inside a stream ----

    @Test
    void a_stream_cut_after_n_chunks_delivers_the_first_partials_then_a_connection_error(AisaSimulator simulator) {
        String prompt = "Cut me off mid sentence please";
        String full = simulator.chatModel(MODEL).chat(prompt);
        simulator.failNext(MODEL, 1, SimulatedFault.streamCutAfter(3));
        StreamRecorder recorder = new StreamRecorder();

        simulator.streamingChatModel(MODEL).chat(prompt, recorder);
        Throwable error = recorder.error();

        assertThat(error).isInstanceOf(AisaConnectionException.class);
        // 3 chunks = the role chunk (no text) + 2 text pieces
        assertThat(recorder.partials).hasSize(2);
        assertThat(full).startsWith(recorder.text()).isNotEqualTo(recorder.text());
        assertThat(recorder.completions).hasValue(0);
        assertThat(recorder.errors).hasValue(1);
        assertThat(simulator.chatRequests())
                .as("partials reached the user, so no retry")
                .hasSize(2);
    }

    @Test
    void an_error_in_stream_after_n_chunks_delivers_the_partials_then_a_server_error(AisaSimulator simulator) {
        String prompt = "Fail me mid stream please";
        String full = simulator.chatModel(MODEL).chat(prompt);
        simulator.failNext(MODEL, 1, SimulatedFault.errorInStream(3));
        StreamRecorder recorder = new StreamRecorder();

        simulator.streamingChatModel(MODEL).chat(prompt, recorder);
        Throwable error = recorder.error();

        assertThat(error).isInstanceOf(AisaServerException.class);
        assertThat(((AisaError) error).errorCode()).isEqualTo("server_error");
        assertThat(recorder.partials).hasSize(2);
        assertThat(full).startsWith(recorder.text()).isNotEqualTo(recorder.text());
        assertThat(recorder.completions).hasValue(0);
    }

    @Test
    void stream_faults_do_not_touch_the_next_stream(AisaSimulator simulator) {
        simulator.failNext(MODEL, 1, SimulatedFault.streamCutAfter(2));
        StreamRecorder first = new StreamRecorder();
        StreamRecorder second = new StreamRecorder();

        noRetryStreaming(simulator, MODEL).chat("one", first);
        first.error();
        noRetryStreaming(simulator, MODEL).chat("two", second);

        assertThat(second.response().aiMessage().text()).contains("two");
        assertThat(second.text()).isEqualTo(second.response().aiMessage().text());
    }
}

package one.aisa.langchain4j;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.junit5.WireMockExtension;
import dev.langchain4j.data.message.UserMessage;
import dev.langchain4j.exception.NonRetriableException;
import dev.langchain4j.exception.RetriableException;
import dev.langchain4j.exception.UnresolvedModelServerException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.stream.Stream;
import one.aisa.langchain4j.exception.AisaAuthenticationException;
import one.aisa.langchain4j.exception.AisaConnectionException;
import one.aisa.langchain4j.exception.AisaError;
import one.aisa.langchain4j.exception.AisaInvalidRequestException;
import one.aisa.langchain4j.exception.AisaModelNotFoundException;
import one.aisa.langchain4j.exception.AisaRateLimitException;
import one.aisa.langchain4j.exception.AisaServerException;
import one.aisa.langchain4j.exception.AisaTimeoutException;
import one.aisa.langchain4j.exception.InsufficientCreditsException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Retries of {@link AisaChatModel}: what is retried, how long it waits (recorded by {@link GatewayStub#sleeper}, never
 * slept), how {@code Retry-After} replaces the backoff, and what transport failures become.
 */
class AisaChatModelRetryTest {

    @RegisterExtension
    static WireMockExtension server = GatewayStub.newServer();

    private final GatewayStub gateway = new GatewayStub(server);

    private static final String RATE_LIMITED = """
            {"error":{"message":"Rate limit reached for gpt-4o-mini","type":"requests","code":"rate_limit_exceeded"}}""";
    private static final String SERVER_ERROR = """
            {"error":{"message":"The server had an error while processing your request.","type":"server_error","code":null}}""";

    /** The stub answers each failure in turn, once, then {@code Berlin} for ever. */
    private void failThenAnswer(ResponseDefinitionBuilder... failures) {
        String state = STARTED;
        for (int i = 0; i < failures.length; i++) {
            String next = "after failure " + (i + 1);
            server.stubFor(post(urlEqualTo(GatewayStub.CHAT_PATH))
                    .inScenario("retry")
                    .whenScenarioStateIs(state)
                    .willReturn(failures[i])
                    .willSetStateTo(next));
            state = next;
        }
        server.stubFor(post(urlEqualTo(GatewayStub.CHAT_PATH))
                .inScenario("retry")
                .whenScenarioStateIs(state)
                .willReturn(okJson(GatewayStub.completion("Berlin"))));
    }

    private static ResponseDefinitionBuilder json(int status, String body) {
        return aResponse()
                .withStatus(status)
                .withHeader("Content-Type", "application/json")
                .withBody(body);
    }

    private static ResponseDefinitionBuilder rateLimited(String header, String value) {
        return json(429, RATE_LIMITED).withHeader(header, value);
    }

    private String ask(AisaChatModel model) {
        return model.chat(UserMessage.from("Capital of Germany?")).aiMessage().text();
    }

    private List<Duration> waits() {
        return gateway.sleeper.waits;
    }

    @Test
    void waits_as_long_as_retry_after_says_then_answers() {
        failThenAnswer(rateLimited("Retry-After", "3"));

        String answer = ask(gateway.model().build());

        assertThat(answer).isEqualTo("Berlin");
        assertThat(waits()).containsExactly(Duration.ofSeconds(3));
        assertThat(gateway.rawRequests()).hasSize(2);
    }

    @Test
    void retry_after_ms_is_read_in_milliseconds() {
        failThenAnswer(rateLimited("retry-after-ms", "1500"));

        assertThat(ask(gateway.model().build())).isEqualTo("Berlin");

        assertThat(waits()).containsExactly(Duration.ofMillis(1500));
        assertThat(gateway.rawRequests()).hasSize(2);
    }

    @Test
    void retry_after_as_an_http_date_is_measured_against_the_clock() {
        Clock clock = Clock.fixed(Instant.parse("2025-07-01T12:00:00Z"), ZoneOffset.UTC);
        failThenAnswer(rateLimited("Retry-After", "Tue, 01 Jul 2025 12:00:07 GMT"));

        assertThat(ask(gateway.model().clock(clock).build())).isEqualTo("Berlin");

        assertThat(waits()).containsExactly(Duration.ofSeconds(7));
    }

    @Test
    void retry_after_longer_than_the_cap_stops_retrying_at_once() {
        gateway.respond(rateLimited("Retry-After", "120"));
        AisaChatModel model = gateway.model().build();

        Throwable thrown = catchThrowable(() -> ask(model));

        assertThat(thrown).isExactlyInstanceOf(AisaRateLimitException.class);
        assertThat(((AisaError) thrown).retryAfter()).contains(Duration.ofSeconds(120));
        assertThat(gateway.rawRequests()).hasSize(1);
        assertThat(waits()).isEmpty();
    }

    @Test
    void a_higher_retry_after_cap_lets_a_long_wait_through() {
        failThenAnswer(rateLimited("Retry-After", "120"));
        RetryPolicy patient =
                RetryPolicy.builder().maxRetryAfter(Duration.ofMinutes(5)).build();

        assertThat(ask(gateway.model().retryPolicy(patient).build())).isEqualTo("Berlin");

        assertThat(waits()).containsExactly(Duration.ofSeconds(120));
    }

    static Stream<Arguments> geminiRetryInfo() {
        String error = """
                {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED",
                  "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"4s"}]}}""";
        return Stream.of(Arguments.of("object", error), Arguments.of("array-wrapped", "[" + error + "]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("geminiRetryInfo")
    void waits_for_the_retry_delay_in_a_gemini_body(String shape, String body) {
        failThenAnswer(json(429, body));

        assertThat(ask(gateway.model().build())).isEqualTo("Berlin");

        assertThat(waits()).containsExactly(Duration.ofSeconds(4));
    }

    @Test
    void gives_up_after_max_retries_with_the_last_error() {
        gateway.respond(json(500, SERVER_ERROR));

        Throwable thrown =
                catchThrowable(() -> ask(gateway.model().maxRetries(2).build()));

        assertThat(thrown).isExactlyInstanceOf(AisaServerException.class);
        assertThat(gateway.rawRequests()).hasSize(3);
        assertThat(waits()).hasSize(2);
    }

    @Test
    void backoff_without_jitter_is_exact() {
        gateway.respond(json(500, SERVER_ERROR));
        RetryPolicy policy = RetryPolicy.builder()
                .maxRetries(2)
                .jitter(0)
                .initialBackoff(Duration.ofSeconds(1))
                .multiplier(2)
                .build();

        assertThatThrownBy(() -> ask(gateway.model().retryPolicy(policy).build()))
                .isExactlyInstanceOf(AisaServerException.class);

        assertThat(waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(gateway.rawRequests()).hasSize(3);
    }

    @Test
    void max_retries_overrides_the_retries_of_a_retry_policy() {
        gateway.respond(json(500, SERVER_ERROR));
        RetryPolicy policy = RetryPolicy.builder().maxRetries(5).jitter(0).build();
        AisaChatModel model = gateway.model().retryPolicy(policy).maxRetries(1).build();

        assertThatThrownBy(() -> ask(model)).isExactlyInstanceOf(AisaServerException.class);

        assertThat(model.retryPolicy().maxRetries()).isEqualTo(1);
        assertThat(model.retryPolicy().jitter()).isZero();
        assertThat(waits()).containsExactly(Duration.ofSeconds(1));
        assertThat(gateway.rawRequests()).hasSize(2);
    }

    @Test
    void default_jitter_keeps_waits_within_a_quarter_of_the_backoff() {
        gateway.respond(json(500, SERVER_ERROR));
        AisaChatModel model = gateway.model().build();

        for (int call = 0; call < 5; call++) {
            assertThatThrownBy(() -> ask(model)).isExactlyInstanceOf(AisaServerException.class);
        }

        assertThat(waits()).hasSize(10);
        for (int i = 0; i < waits().size(); i += 2) {
            assertThat(waits().get(i)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1250));
            assertThat(waits().get(i + 1)).isBetween(Duration.ofMillis(1500), Duration.ofMillis(2500));
        }
        assertThat(waits())
                .as("jitter moves the waits off the bare backoff")
                .anyMatch(wait -> !wait.equals(Duration.ofSeconds(1)) && !wait.equals(Duration.ofSeconds(2)));
        assertThat(gateway.rawRequests()).hasSize(15);
    }

    static Stream<Arguments> nonRetriableErrors() {
        return Stream.of(
                Arguments.of("400 invalid request", 400, """
                        {"error":{"message":"Invalid value for 'temperature'.","type":"invalid_request_error","code":"invalid_value"}}""", AisaInvalidRequestException.class),
                Arguments.of("402 credits", 402, """
                        {"error":{"type":"billing_error","code":"insufficient_credits","message":"Balance too low."}}""", InsufficientCreditsException.class),
                Arguments.of("429 insufficient_quota", 429, """
                        {"error":{"message":"You exceeded your current quota.","type":"insufficient_quota","code":"insufficient_quota"}}""", InsufficientCreditsException.class),
                Arguments.of("404 model not found", 404, """
                        {"error":{"message":"The model `gpt-9` does not exist.","type":"invalid_request_error","code":"model_not_found"}}""", AisaModelNotFoundException.class),
                Arguments.of("401 bad key", 401, """
                        {"error":{"type":"authentication_error","code":"invalid_api_key","message":"Invalid API key."}}""", AisaAuthenticationException.class),
                Arguments.of("503 no channel", 503, """
                        {"error":{"message":"No available channels for model gpt-4o-mini under group default","type":"new_api_error"}}""", AisaModelNotFoundException.class));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("nonRetriableErrors")
    void does_not_retry_errors_that_would_fail_again(
            String name, int status, String body, Class<? extends RuntimeException> type) {
        gateway.respond(json(status, body));

        Throwable thrown =
                catchThrowable(() -> ask(gateway.model().maxRetries(3).build()));

        assertThat(thrown).isExactlyInstanceOf(type).isInstanceOf(NonRetriableException.class);
        assertThat(gateway.rawRequests()).hasSize(1);
        assertThat(waits()).isEmpty();
    }

    static Stream<Arguments> retriableThenAnswer() {
        return Stream.of(
                Arguments.of("500", json(500, SERVER_ERROR)),
                Arguments.of("502 HTML", aResponse().withStatus(502).withBody("<html><title>502 Bad Gateway</title>")),
                Arguments.of("503 empty", aResponse().withStatus(503)),
                Arguments.of("529 overloaded", json(529, """
                        {"type":"error","error":{"type":"overloaded_error","message":"Overloaded"}}""")),
                Arguments.of("408", json(408, "{\"error\":{\"code\":408,\"message\":\"Request timed out\"}}")),
                Arguments.of("429 without Retry-After", json(429, RATE_LIMITED)),
                Arguments.of("error inside a 200", okJson("""
                        {"error":{"message":"upstream failed","type":"upstream_error","code":"server_error"}}""")),
                Arguments.of("connection reset", aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)),
                Arguments.of("truncated JSON 200", okJson("{\"id\":\"chatcmpl-1\",\"choices\":[{\"index\":0,")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("retriableThenAnswer")
    void retries_a_transient_failure_and_answers(String name, ResponseDefinitionBuilder failure) {
        failThenAnswer(failure);

        String answer = ask(gateway.model().build());

        assertThat(answer).isEqualTo("Berlin");
        assertThat(gateway.rawRequests()).hasSize(2);
        assertThat(waits()).hasSize(1);
        assertThat(waits().get(0)).isBetween(Duration.ofMillis(750), Duration.ofMillis(1250));
    }

    @Test
    void a_reset_connection_names_the_url() {
        gateway.respond(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER));

        Throwable thrown =
                catchThrowable(() -> ask(gateway.model().maxRetries(0).build()));

        assertThat(thrown)
                .isExactlyInstanceOf(AisaConnectionException.class)
                .isInstanceOf(RetriableException.class)
                .isInstanceOf(AisaError.class);
        assertThat(thrown.getMessage()).contains(gateway.baseUrl() + "/chat/completions");
        assertThat(gateway.rawRequests()).hasSize(1);
        assertThat(waits()).isEmpty();
    }

    @ParameterizedTest
    @EnumSource(
            value = Fault.class,
            names = {"EMPTY_RESPONSE", "MALFORMED_RESPONSE_CHUNK", "RANDOM_DATA_THEN_CLOSE"})
    void a_broken_response_is_a_typed_exception(Fault fault) {
        gateway.respond(aResponse().withFault(fault));

        Throwable thrown =
                catchThrowable(() -> ask(gateway.model().maxRetries(0).build()));

        assertThat(thrown)
                .isInstanceOfAny(AisaConnectionException.class, AisaServerException.class)
                .isInstanceOf(AisaError.class)
                .isInstanceOf(RetriableException.class);
        assertThat(thrown.getMessage()).startsWith("AIsa gateway error");
    }

    @Test
    void a_slow_answer_times_out_with_the_timeout_in_the_message() {
        gateway.respond(okJson(GatewayStub.completion("Berlin")).withFixedDelay(1500));
        AisaChatModel model =
                gateway.model().timeout(Duration.ofMillis(300)).maxRetries(0).build();

        long start = System.nanoTime();
        Throwable thrown = catchThrowable(() -> ask(model));
        Duration took = Duration.ofNanos(System.nanoTime() - start);

        assertThat(thrown).isExactlyInstanceOf(AisaTimeoutException.class).isInstanceOf(RetriableException.class);
        assertThat(thrown.getMessage()).contains("300 ms").contains("timeout");
        assertThat(((AisaError) thrown).statusCode()).isEqualTo(408);
        assertThat(took).isLessThan(Duration.ofMillis(1400));
    }

    @Test
    void a_refused_connection_is_a_connection_exception() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        String baseUrl = "http://127.0.0.1:" + closedPort + "/v1";
        AisaChatModel model = gateway.model().baseUrl(baseUrl).maxRetries(0).build();

        Throwable thrown = catchThrowable(() -> ask(model));

        assertThat(thrown).isExactlyInstanceOf(AisaConnectionException.class).isInstanceOf(RetriableException.class);
        assertThat(thrown.getMessage())
                .isEqualTo("AIsa gateway error: cannot connect to POST " + baseUrl + "/chat/completions (connection"
                        + " refused). Check baseUrl (or AISA_BASE_URL) and that the gateway is reachable.");
        assertThat(waits()).isEmpty();
    }

    @Test
    void an_unresolvable_host_fails_fast_naming_the_url_and_the_fix_on_both_models() throws Exception {
        String baseUrl = "http://no-such-host.invalid/v1"; // .invalid never resolves (RFC 2606)
        AisaChatModel model = gateway.model().baseUrl(baseUrl).build();

        Throwable thrown = catchThrowable(() -> ask(model));

        assertThat(thrown)
                .isExactlyInstanceOf(UnresolvedModelServerException.class)
                .hasMessageContaining("Cannot resolve the host of POST " + baseUrl + "/chat/completions")
                .hasMessageContaining("check baseUrl");
        assertThat(waits()).as("a host that does not resolve is not retried").isEmpty();

        RecordingStreamingHandler streamed = new RecordingStreamingHandler();
        AisaStreamingChatModel.builder()
                .apiKey("sk-test")
                .baseUrl(baseUrl)
                .modelName("gpt-4o-mini")
                .build()
                .chat("hi", streamed);
        assertThat(streamed.awaitError())
                .isExactlyInstanceOf(UnresolvedModelServerException.class)
                .hasMessageContaining("check baseUrl");
    }

    @Test
    void a_refused_connection_is_retried_with_backoff() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = socket.getLocalPort();
        }
        RetryPolicy noJitter = RetryPolicy.builder().jitter(0).build();
        AisaChatModel model = gateway.model()
                .baseUrl("http://127.0.0.1:" + closedPort + "/v1")
                .retryPolicy(noJitter)
                .build();

        assertThatThrownBy(() -> ask(model)).isExactlyInstanceOf(AisaConnectionException.class);

        assertThat(waits()).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @Test
    void negative_max_retries_fails_at_build() {
        assertThatThrownBy(() -> gateway.model().maxRetries(-1).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("maxRetries")
                .hasMessageContaining("-1");
    }

    @Test
    void zero_max_retries_makes_one_attempt() {
        gateway.respond(json(500, SERVER_ERROR));

        assertThatThrownBy(() -> ask(gateway.model().maxRetries(0).build()))
                .isExactlyInstanceOf(AisaServerException.class);

        assertThat(gateway.rawRequests()).hasSize(1);
        assertThat(waits()).isEmpty();
    }
}

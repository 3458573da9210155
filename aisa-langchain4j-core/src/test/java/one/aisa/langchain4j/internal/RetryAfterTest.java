package one.aisa.langchain4j.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class RetryAfterTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2015-10-21T07:28:00Z"), ZoneOffset.UTC);

    private static Map<String, List<String>> header(String name, String value) {
        return Map.of(name, List.of(value));
    }

    private static JsonNode json(String text) {
        return Json.parseOrNull(text);
    }

    @ParameterizedTest(name = "Retry-After: {0} -> {1} ms")
    @CsvSource({"3, 3000", "0.5, 500", "1.25, 1250", "' 7 ', 7000", "120, 120000"})
    void reads_retry_after_seconds(String value, long millis) {
        assertThat(RetryAfter.from(header("Retry-After", value), null, CLOCK)).isEqualTo(Duration.ofMillis(millis));
    }

    @ParameterizedTest(name = "retry-after-ms: {0} -> {1} ns")
    @CsvSource({"1500, 1500000000", "250.5, 250500000", "1, 1000000"})
    void reads_retry_after_ms(String value, long nanos) {
        assertThat(RetryAfter.from(header("retry-after-ms", value), null, CLOCK))
                .isEqualTo(Duration.ofNanos(nanos));
    }

    @Test
    void retry_after_ms_wins_over_retry_after() {
        Map<String, List<String>> headers = Map.of("retry-after-ms", List.of("800"), "retry-after", List.of("5"));

        assertThat(RetryAfter.from(headers, null, CLOCK)).isEqualTo(Duration.ofMillis(800));
    }

    @Test
    void unusable_retry_after_ms_falls_back_to_retry_after() {
        Map<String, List<String>> headers = Map.of("retry-after-ms", List.of("soon"), "retry-after", List.of("5"));

        assertThat(RetryAfter.from(headers, null, CLOCK)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void header_names_are_case_insensitive() {
        assertThat(RetryAfter.from(header("RETRY-AFTER", "4"), null, CLOCK)).isEqualTo(Duration.ofSeconds(4));
        assertThat(RetryAfter.from(header("Retry-After-Ms", "40"), null, CLOCK)).isEqualTo(Duration.ofMillis(40));
    }

    @Test
    void an_http_date_is_measured_against_the_clock() {
        assertThat(RetryAfter.from(header("Retry-After", "Wed, 21 Oct 2015 07:28:30 GMT"), null, CLOCK))
                .isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryAfter.parseRetryAfter("Wed, 21 Oct 2015 07:29:00 GMT", CLOCK))
                .isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void the_same_date_against_another_clock_gives_another_wait() {
        Clock later = Clock.offset(CLOCK, Duration.ofSeconds(10));

        assertThat(RetryAfter.from(header("Retry-After", "Wed, 21 Oct 2015 07:28:30 GMT"), null, later))
                .isEqualTo(Duration.ofSeconds(20));
    }

    @ParameterizedTest(name = "Retry-After: \"{0}\" -> none")
    @ValueSource(
            strings = {
                "Wed, 21 Oct 2015 07:27:00 GMT",
                "Wed, 21 Oct 2015 07:28:00 GMT",
                "0",
                "-5",
                "soon",
                "",
                "   ",
                "3 seconds",
                "2015-10-21T07:29:00Z"
            })
    void a_past_zero_negative_or_garbage_value_is_none(String value) {
        assertThat(RetryAfter.from(header("Retry-After", value), null, CLOCK)).isNull();
    }

    @ParameterizedTest(name = "retry-after-ms: \"{0}\" -> none")
    @ValueSource(strings = {"0", "-100", "fast", ""})
    void a_zero_negative_or_garbage_ms_value_is_none(String value) {
        assertThat(RetryAfter.from(header("retry-after-ms", value), null, CLOCK))
                .isNull();
    }

    @ParameterizedTest
    @NullSource
    void parsers_accept_null(String value) {
        assertThat(RetryAfter.parseMillis(value)).isNull();
        assertThat(RetryAfter.parseRetryAfter(value, CLOCK)).isNull();
        assertThat(RetryAfter.from(null, null, CLOCK)).isNull();
        assertThat(RetryAfter.from(Map.of(), null, CLOCK)).isNull();
    }

    @Test
    void reads_google_retry_info_in_the_error_body() {
        JsonNode body = json("""
                {"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED",
                  "details":[{"@type":"type.googleapis.com/google.rpc.QuotaFailure","violations":[]},
                             {"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}""");

        assertThat(RetryAfter.from(Map.of(), body, CLOCK)).isEqualTo(Duration.ofSeconds(37));
    }

    @Test
    void reads_a_fractional_google_retry_delay() {
        JsonNode body = json("""
                {"error":{"code":429,"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"1.5s"}]}}""");

        assertThat(RetryAfter.from(Map.of(), body, CLOCK)).isEqualTo(Duration.ofMillis(1500));
    }

    @Test
    void reads_retry_info_in_an_array_wrapped_gemini_error() {
        JsonNode body = json("""
                [{"error":{"code":429,"message":"Resource has been exhausted (e.g. check quota).","status":"RESOURCE_EXHAUSTED",
                  "details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}]""");

        assertThat(RetryAfter.from(Map.of(), body, CLOCK)).isEqualTo(Duration.ofSeconds(37));
    }

    @Test
    void a_header_wins_over_the_body() {
        JsonNode body = json("""
                {"error":{"details":[{"@type":"type.googleapis.com/google.rpc.RetryInfo","retryDelay":"37s"}]}}""");

        assertThat(RetryAfter.from(header("Retry-After", "2"), body, CLOCK)).isEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void a_body_without_retry_info_is_none() {
        assertThat(RetryAfter.from(Map.of(), json("{\"error\":{\"message\":\"x\"}}"), CLOCK))
                .isNull();
        assertThat(RetryAfter.from(Map.of(), json("{\"error\":{\"details\":[{\"retryDelay\":\"soon\"}]}}"), CLOCK))
                .isNull();
        assertThat(RetryAfter.from(Map.of(), json("{\"error\":{\"details\":\"37s\"}}"), CLOCK))
                .isNull();
        assertThat(RetryAfter.from(Map.of(), json("[{\"error\":{}}]"), CLOCK)).isNull();
    }
}

package one.aisa.langchain4j.internal;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * Reads how long a server asked us to wait, in the order OpenAI's own client reads it: {@code retry-after-ms}
 * (milliseconds, may be fractional), then {@code Retry-After} as seconds, then as an HTTP date; failing those, a
 * Google {@code RetryInfo.retryDelay} ("37s") in the error body. Returns {@code null} when none is usable.
 */
final class RetryAfter {

    private RetryAfter() {}

    public static Duration from(Map<String, List<String>> headers, JsonNode errorBody, Clock clock) {
        Duration fromMillis = positive(parseMillis(Headers.first(headers, "retry-after-ms")));
        if (fromMillis != null) {
            return fromMillis;
        }
        Duration fromHeader = positive(parseRetryAfter(Headers.first(headers, "retry-after"), clock));
        if (fromHeader != null) {
            return fromHeader;
        }
        return positive(retryDelayInBody(errorBody));
    }

    static Duration parseMillis(String value) {
        if (value == null) {
            return null;
        }
        try {
            return Duration.ofNanos((long) (Double.parseDouble(value.trim()) * 1_000_000));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    static Duration parseRetryAfter(String value, Clock clock) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String trimmed = value.trim();
        try {
            return Duration.ofMillis((long) (Double.parseDouble(trimmed) * 1000));
        } catch (NumberFormatException notSeconds) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                return Duration.between(clock.instant(), at.toInstant());
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static Duration retryDelayInBody(JsonNode errorBody) {
        if (errorBody != null && errorBody.isArray() && !errorBody.isEmpty()) {
            errorBody = errorBody.get(0);
        }
        JsonNode details = errorBody == null ? null : errorBody.path("error").get("details");
        if (details == null || !details.isArray()) {
            return null;
        }
        for (JsonNode detail : details) {
            String delay = detail.path("retryDelay").asText("");
            if (delay.endsWith("s")) {
                try {
                    return Duration.ofMillis(
                            (long) (Double.parseDouble(delay.substring(0, delay.length() - 1)) * 1000));
                } catch (NumberFormatException ignored) {
                    return null;
                }
            }
        }
        return null;
    }

    private static Duration positive(Duration duration) {
        return duration == null || duration.isNegative() || duration.isZero() ? null : duration;
    }
}

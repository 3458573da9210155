package one.aisa.langchain4j;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class RetryPolicyTest {

    private static final double JUST_BELOW_ONE = Math.nextDown(1.0);

    @Test
    void defaults_follow_the_gateway_advice() {
        RetryPolicy defaults = RetryPolicy.defaults();

        assertThat(defaults.maxRetries()).isEqualTo(2);
        assertThat(defaults.initialBackoff()).isEqualTo(Duration.ofSeconds(1));
        assertThat(defaults.multiplier()).isEqualTo(2.0);
        assertThat(defaults.jitter()).isEqualTo(0.25);
        assertThat(defaults.maxBackoff()).isEqualTo(Duration.ofSeconds(30));
        assertThat(defaults.maxRetryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(RetryPolicy.builder().build()).isEqualTo(defaults);
    }

    @Test
    void none_means_no_retries_and_default_backoff() {
        RetryPolicy none = RetryPolicy.none();

        assertThat(none.maxRetries()).isZero();
        assertThat(none)
                .isEqualTo(RetryPolicy.defaults().toBuilder().maxRetries(0).build());
    }

    /** Wait in ms before retry 1..6 with the defaults: 1 s doubling, +-25% jitter, capped at 30 s. */
    @ParameterizedTest(name = "retry {0}: random 0 -> {1} ms, 0.5 -> {2} ms, just below 1 -> {3} ms")
    @CsvSource({
        "1,   750,  1000,  1250",
        "2,  1500,  2000,  2500",
        "3,  3000,  4000,  5000",
        "4,  6000,  8000, 10000",
        "5, 12000, 16000, 20000",
        "6, 22500, 30000, 30000",
        "7, 22500, 30000, 30000",
        "60, 22500, 30000, 30000"
    })
    void default_backoff_grows_with_jitter_and_stops_at_the_cap(int retry, long low, long middle, long high) {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy.backoff(retry, 0.0)).isEqualTo(Duration.ofMillis(low));
        assertThat(policy.backoff(retry, 0.5)).isEqualTo(Duration.ofMillis(middle));
        Duration top = policy.backoff(retry, JUST_BELOW_ONE);
        assertThat(top).isLessThanOrEqualTo(Duration.ofMillis(high));
        assertThat(top).isGreaterThan(Duration.ofMillis(high).minusNanos(1_000));
        assertThat(top).isLessThanOrEqualTo(policy.maxBackoff());
    }

    @Test
    void backoff_never_exceeds_the_cap_for_any_random() {
        RetryPolicy policy = RetryPolicy.defaults();
        for (int retry = 1; retry <= 40; retry++) {
            for (double random : new double[] {0.0, 0.1, 0.5, 0.9, JUST_BELOW_ONE}) {
                Duration wait = policy.backoff(retry, random);
                assertThat(wait).isPositive().isLessThanOrEqualTo(Duration.ofSeconds(30));
            }
        }
    }

    @Test
    void without_jitter_the_backoff_is_exact_and_random_does_not_matter() {
        RetryPolicy policy = RetryPolicy.builder()
                .jitter(0)
                .initialBackoff(Duration.ofMillis(200))
                .multiplier(3)
                .maxBackoff(Duration.ofSeconds(5))
                .build();

        for (double random : new double[] {0.0, 0.5, JUST_BELOW_ONE}) {
            assertThat(policy.backoff(1, random)).isEqualTo(Duration.ofMillis(200));
            assertThat(policy.backoff(2, random)).isEqualTo(Duration.ofMillis(600));
            assertThat(policy.backoff(3, random)).isEqualTo(Duration.ofMillis(1800));
            assertThat(policy.backoff(4, random)).isEqualTo(Duration.ofSeconds(5));
        }
    }

    @Test
    void a_multiplier_of_one_keeps_the_backoff_constant() {
        RetryPolicy policy = RetryPolicy.builder().multiplier(1.0).jitter(0).build();

        assertThat(policy.backoff(1, 0.3)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(10, 0.3)).isEqualTo(Duration.ofSeconds(1));
    }

    static Stream<Arguments> invalidPolicies() {
        return Stream.of(
                Arguments.of(
                        "maxRetries -1",
                        (UnaryOperator<RetryPolicy.Builder>) b -> b.maxRetries(-1),
                        "maxRetries must be 0 or more, was -1"),
                Arguments.of(
                        "jitter 1.0",
                        (UnaryOperator<RetryPolicy.Builder>) b -> b.jitter(1.0),
                        "jitter must be in [0, 1), was 1.0"),
                Arguments.of(
                        "jitter 1.5",
                        (UnaryOperator<RetryPolicy.Builder>) b -> b.jitter(1.5),
                        "jitter must be in [0, 1), was 1.5"),
                Arguments.of(
                        "jitter -0.1",
                        (UnaryOperator<RetryPolicy.Builder>) b -> b.jitter(-0.1),
                        "jitter must be in [0, 1), was -0.1"),
                Arguments.of(
                        "multiplier 0.5",
                        (UnaryOperator<RetryPolicy.Builder>) b -> b.multiplier(0.5),
                        "multiplier must be at least 1.0, was 0.5"),
                Arguments.of(
                        "initialBackoff -1s",
                        (UnaryOperator<RetryPolicy.Builder>) b -> b.initialBackoff(Duration.ofSeconds(-1)),
                        "initialBackoff must not be negative"),
                Arguments.of(
                        "maxBackoff -1ms",
                        (UnaryOperator<RetryPolicy.Builder>) b -> b.maxBackoff(Duration.ofMillis(-1)),
                        "maxBackoff must not be negative"),
                Arguments.of(
                        "maxRetryAfter -5s",
                        (UnaryOperator<RetryPolicy.Builder>) b -> b.maxRetryAfter(Duration.ofSeconds(-5)),
                        "maxRetryAfter must not be negative"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidPolicies")
    void rejects_invalid_settings_with_a_message(
            String name, UnaryOperator<RetryPolicy.Builder> change, String message) {
        RetryPolicy.Builder builder = change.apply(RetryPolicy.builder());

        assertThatThrownBy(builder::build)
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(message);
    }

    @Test
    void rejects_null_durations_by_name() {
        assertThatThrownBy(() -> RetryPolicy.builder().initialBackoff(null).build())
                .isInstanceOf(NullPointerException.class)
                .hasMessageContaining("initialBackoff");
        assertThatThrownBy(() -> RetryPolicy.builder().maxBackoff(null).build()).hasMessageContaining("maxBackoff");
        assertThatThrownBy(() -> RetryPolicy.builder().maxRetryAfter(null).build())
                .hasMessageContaining("maxRetryAfter");
    }

    @Test
    void accepts_the_edges_of_the_valid_ranges() {
        RetryPolicy edges = RetryPolicy.builder()
                .maxRetries(0)
                .jitter(0.0)
                .multiplier(1.0)
                .initialBackoff(Duration.ZERO)
                .maxBackoff(Duration.ZERO)
                .maxRetryAfter(Duration.ZERO)
                .build();

        assertThat(edges.backoff(1, 0.5)).isEqualTo(Duration.ZERO);
        assertThat(RetryPolicy.builder().jitter(0.99).build().jitter()).isEqualTo(0.99);
    }

    static Stream<Arguments> singleChanges() {
        return Stream.<UnaryOperator<RetryPolicy.Builder>>of(
                        b -> b.maxRetries(3),
                        b -> b.initialBackoff(Duration.ofMillis(500)),
                        b -> b.multiplier(1.5),
                        b -> b.jitter(0.1),
                        b -> b.maxBackoff(Duration.ofSeconds(10)),
                        b -> b.maxRetryAfter(Duration.ofSeconds(60)))
                .map(Arguments::of);
    }

    @ParameterizedTest
    @MethodSource("singleChanges")
    void every_field_takes_part_in_equality(UnaryOperator<RetryPolicy.Builder> change) {
        RetryPolicy changed = change.apply(RetryPolicy.builder()).build();
        RetryPolicy sameChange = change.apply(RetryPolicy.builder()).build();

        assertThat(changed).isNotEqualTo(RetryPolicy.defaults());
        assertThat(changed).isEqualTo(sameChange).hasSameHashCodeAs(sameChange);
        assertThat(changed.toString()).isNotEqualTo(RetryPolicy.defaults().toString());
    }

    @Test
    void equality_basics() {
        RetryPolicy policy = RetryPolicy.defaults();

        assertThat(policy).isEqualTo(policy).isNotEqualTo(null).isNotEqualTo("RetryPolicy");
        assertThat(RetryPolicy.builder().build()).hasSameHashCodeAs(policy);
    }

    @Test
    void to_string_names_every_setting() {
        String text = RetryPolicy.builder()
                .maxRetries(4)
                .initialBackoff(Duration.ofMillis(250))
                .multiplier(3.0)
                .jitter(0.1)
                .maxBackoff(Duration.ofSeconds(8))
                .maxRetryAfter(Duration.ofSeconds(45))
                .build()
                .toString();

        assertThat(text)
                .startsWith("RetryPolicy{")
                .contains("maxRetries=4")
                .contains("initialBackoff=PT0.25S")
                .contains("multiplier=3.0")
                .contains("jitter=0.1")
                .contains("maxBackoff=PT8S")
                .contains("maxRetryAfter=PT45S");
    }

    @Test
    void to_builder_round_trips_and_changes_only_what_is_set() {
        RetryPolicy original = RetryPolicy.builder()
                .maxRetries(5)
                .initialBackoff(Duration.ofMillis(300))
                .multiplier(1.7)
                .jitter(0.4)
                .maxBackoff(Duration.ofSeconds(12))
                .maxRetryAfter(Duration.ofSeconds(20))
                .build();

        RetryPolicy copy = original.toBuilder().build();
        RetryPolicy changed = original.toBuilder().maxRetries(1).build();

        assertThat(copy).isEqualTo(original).hasSameHashCodeAs(original).isNotSameAs(original);
        assertThat(changed.maxRetries()).isEqualTo(1);
        assertThat(changed.initialBackoff()).isEqualTo(Duration.ofMillis(300));
        assertThat(changed.multiplier()).isEqualTo(1.7);
        assertThat(changed.jitter()).isEqualTo(0.4);
        assertThat(changed.maxBackoff()).isEqualTo(Duration.ofSeconds(12));
        assertThat(changed.maxRetryAfter()).isEqualTo(Duration.ofSeconds(20));
        assertThat(original.maxRetries()).as("the original is immutable").isEqualTo(5);
    }

    @Test
    void the_model_reports_the_policy_in_force() {
        RetryPolicy policy = RetryPolicy.builder().maxRetries(4).jitter(0).build();

        AisaChatModel withPolicy = AisaChatModel.builder()
                .apiKey("k")
                .modelName("gpt-4o-mini")
                .retryPolicy(policy)
                .build();
        AisaChatModel withDefaults =
                AisaChatModel.builder().apiKey("k").modelName("gpt-4o-mini").build();
        AisaChatModel withMaxRetries = AisaChatModel.builder()
                .apiKey("k")
                .modelName("gpt-4o-mini")
                .maxRetries(0)
                .build();

        assertThat(withPolicy.retryPolicy()).isEqualTo(policy);
        assertThat(withDefaults.retryPolicy()).isEqualTo(RetryPolicy.defaults());
        assertThat(withMaxRetries.retryPolicy()).isEqualTo(RetryPolicy.none());
        assertThat(withPolicy.toString()).contains("maxRetries=4");
    }
}

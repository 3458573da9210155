package one.aisa.langchain4j.benchmarks.routing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

class RoutingMetricsTest {

    // Prompt 0 needs the strong model (strong right, weak wrong); both models get prompt 1 right.
    private static final double[] STRONG = {1, 1};
    private static final double[] WEAK = {0, 1};

    @Test
    void a_perfect_ranking_recovers_the_whole_gap_with_the_first_strong_call() {
        RoutingMetrics metrics = RoutingMetrics.of(new double[] {0.9, 0.1}, STRONG, WEAK);

        // PGR over the grid 0, 1/2, 1 is 0, 1, 1: trapezoids (0 + 1) / 2 and (1 + 1) / 2, halved
        assertThat(metrics.apgr()).isCloseTo(0.75, within(1e-12));
        assertThat(metrics.callPerformanceThreshold(0.5)).isEqualTo(0.5);
        assertThat(metrics.callPerformanceThreshold(0.8)).isEqualTo(0.5);
        assertThat(metrics.shareForQuality(0.95)).isEqualTo(0.5);
    }

    @Test
    void a_reversed_ranking_recovers_nothing_until_the_last_call() {
        RoutingMetrics metrics = RoutingMetrics.of(new double[] {0.1, 0.9}, STRONG, WEAK);

        // PGR 0, 0, 1
        assertThat(metrics.apgr()).isCloseTo(0.25, within(1e-12));
        assertThat(metrics.callPerformanceThreshold(0.5)).isEqualTo(1.0);
        assertThat(metrics.shareForQuality(0.95)).isEqualTo(1.0);
    }

    @Test
    void tied_scores_are_the_random_router_in_expectation() {
        RoutingMetrics metrics = RoutingMetrics.of(new double[] {0.5, 0.5}, STRONG, WEAK);

        assertThat(metrics.quality(1)).isCloseTo(0.75, within(1e-12));
        assertThat(metrics.pgr(1)).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.apgr()).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.callPerformanceThreshold(0.5)).isEqualTo(0.5);
    }

    @Test
    void a_constant_score_has_an_apgr_of_exactly_one_half_whatever_the_results() {
        Random random = new Random(1);
        int n = 1_000;
        double[] strong = new double[n];
        double[] weak = new double[n];
        for (int i = 0; i < n; i++) {
            strong[i] = random.nextInt(2);
            weak[i] = random.nextDouble() < 0.3 ? 1 : 0;
        }

        RoutingMetrics metrics = RoutingMetrics.of(new double[n], strong, weak);

        assertThat(metrics.apgr()).isCloseTo(0.5, within(1e-9));
        assertThat(metrics.pgrAtShare(0.3)).isCloseTo(0.3, within(1e-9));
    }

    @Test
    void a_tie_group_adds_its_gain_in_proportion_to_the_members_taken() {
        // gains 0 (score 1), then a tie group {1, 0} (score 0.5): quality 1/3, 1/3, 1/2, 2/3; PGR 0, 0, 1/2, 1
        RoutingMetrics metrics =
                RoutingMetrics.of(new double[] {1, 0.5, 0.5}, new double[] {1, 1, 0}, new double[] {1, 0, 0});

        assertThat(metrics.weakMean()).isCloseTo(1 / 3.0, within(1e-12));
        assertThat(metrics.strongMean()).isCloseTo(2 / 3.0, within(1e-12));
        assertThat(metrics.quality(2)).isCloseTo(0.5, within(1e-12));
        assertThat(metrics.apgr()).isCloseTo((0 + 0.25 + 0.75) / 3, within(1e-12));
        assertThat(metrics.callPerformanceThreshold(0.5)).isCloseTo(2 / 3.0, within(1e-12));
    }

    @Test
    void arrays_of_different_lengths_are_refused() {
        assertThatThrownBy(() -> RoutingMetrics.of(new double[] {1}, STRONG, WEAK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("one length");
    }
}

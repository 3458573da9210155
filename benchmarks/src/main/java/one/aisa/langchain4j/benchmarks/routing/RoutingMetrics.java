package one.aisa.langchain4j.benchmarks.routing;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * RouteLLM's metrics of a difficulty score over per-prompt results of a strong and a weak model (see
 * {@code benchmarks/data/routing-eval/README.md}): the prompts with the highest scores go to the strong model, the
 * rest to the weak one, and {@code quality(k)} is the mean result when the top {@code k} of {@code n} prompts go
 * strong, on the every-prompt grid {@code k = 0..n}. Tied scores are averaged exactly: when {@code k} members of a
 * tie group of size {@code g} go strong, the group adds {@code k / g} of its total gain, which is the expectation
 * over random tie-breaking. A constant score is therefore the random router, with an APGR of exactly 0.5.
 */
public final class RoutingMetrics {

    /** Slack for comparisons with a target, so that a PGR of 0.8 computed as 0.7999999999 still counts. */
    private static final double EPSILON = 1e-12;

    private final double[] quality;
    private final double strongMean;
    private final double weakMean;

    private RoutingMetrics(double[] quality, double strongMean, double weakMean) {
        this.quality = quality;
        this.strongMean = strongMean;
        this.weakMean = weakMean;
    }

    /**
     * The metrics of {@code scores} (higher: send to the strong model) over the per-prompt results {@code strong} and
     * {@code weak} (correctness 0/1, or a judge score), all of the same length.
     */
    public static RoutingMetrics of(double[] scores, double[] strong, double[] weak) {
        int n = scores.length;
        if (n == 0 || strong.length != n || weak.length != n) {
            throw new IllegalArgumentException("scores, strong and weak must be non-empty and of one length, were " + n
                    + ", " + strong.length + ", " + weak.length);
        }
        Integer[] order = IntStream.range(0, n).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.comparingDouble((Integer i) -> scores[i]).reversed());
        double weakTotal = Arrays.stream(weak).sum();
        double[] gained = new double[n + 1];
        double before = 0;
        for (int start = 0; start < n; ) {
            int end = start;
            double groupGain = 0;
            while (end < n && scores[order[end]] == scores[order[start]]) {
                groupGain += strong[order[end]] - weak[order[end]];
                end++;
            }
            int size = end - start;
            for (int taken = 1; taken <= size; taken++) {
                gained[start + taken] = before + groupGain * taken / size;
            }
            before += groupGain;
            start = end;
        }
        double[] quality = new double[n + 1];
        for (int k = 0; k <= n; k++) {
            quality[k] = (weakTotal + gained[k]) / n;
        }
        return new RoutingMetrics(quality, Arrays.stream(strong).average().orElseThrow(), weakTotal / n);
    }

    /** Prompts on the grid. */
    public int size() {
        return quality.length - 1;
    }

    /** Mean result with every prompt sent to the strong model. */
    public double strongMean() {
        return strongMean;
    }

    /** Mean result with every prompt sent to the weak model. */
    public double weakMean() {
        return weakMean;
    }

    /** Mean result when the {@code k} highest-scored prompts go to the strong model. */
    public double quality(int k) {
        return quality[k];
    }

    /** Performance gap recovered: {@code (quality(k) - weak) / (strong - weak)}; NaN when the two models tie. */
    public double pgr(int k) {
        return (quality[k] - weakMean) / (strongMean - weakMean);
    }

    /** PGR at the grid point nearest to a strong-call share. */
    public double pgrAtShare(double share) {
        return pgr((int) Math.round(share * size()));
    }

    /** Average PGR over the strong-call share from 0 to 1: the trapezoid area on the every-prompt grid. */
    public double apgr() {
        int n = size();
        double area = 0;
        for (int k = 1; k <= n; k++) {
            area += (pgr(k - 1) + pgr(k)) / 2;
        }
        return area / n;
    }

    /** CPT: the smallest strong-call share whose PGR reaches {@code targetPgr} (e.g. 0.5 for CPT(50 %)). */
    public double callPerformanceThreshold(double targetPgr) {
        for (int k = 0; k <= size(); k++) {
            if (pgr(k) >= targetPgr - EPSILON) {
                return (double) k / size();
            }
        }
        return 1;
    }

    /** The smallest strong-call share whose quality reaches {@code fraction} of the strong model's (e.g. 0.95). */
    public double shareForQuality(double fraction) {
        double target = fraction * strongMean;
        for (int k = 0; k <= size(); k++) {
            if (quality[k] >= target - EPSILON) {
                return (double) k / size();
            }
        }
        return 1;
    }
}

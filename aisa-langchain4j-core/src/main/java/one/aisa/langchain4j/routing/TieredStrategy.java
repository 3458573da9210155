package one.aisa.langchain4j.routing;

import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cheap models for easy requests, premium ones for hard requests, with the threshold on the difficulty score set
 * so that the wanted share of calls goes premium (RouteLLM's calibration: the threshold is a quantile of observed
 * scores). Until {@value #WARM_UP} requests were seen, the threshold is {@code 1 - premiumShare}.
 */
public final class TieredStrategy implements RoutingStrategy {

    static final int WARM_UP = 20;
    private static final int WINDOW = 1_000;

    private final List<String> cheapModels;
    private final List<String> premiumModels;
    private final double premiumShare;
    private final double[] recentScores = new double[WINDOW];
    private final AtomicLong premiumCalls = new AtomicLong();
    private final AtomicLong calls = new AtomicLong();
    private long seen;

    TieredStrategy(List<String> cheapModels, List<String> premiumModels, double premiumShare) {
        if (!(premiumShare >= 0 && premiumShare <= 1)) {
            throw new IllegalArgumentException("premiumShare must be between 0 and 1, was " + premiumShare);
        }
        if (cheapModels.isEmpty() || premiumModels.isEmpty()) {
            throw new IllegalArgumentException("the tiered strategy needs at least one cheap and one premium model");
        }
        this.cheapModels = List.copyOf(cheapModels);
        this.premiumModels = List.copyOf(premiumModels);
        this.premiumShare = premiumShare;
    }

    @Override
    public List<RouteCandidate> order(ChatRequest request, RequestFeatures features, List<RouteCandidate> candidates) {
        double score = TaskClassifier.difficulty(features);
        boolean premium = score >= thresholdAfter(score);
        calls.incrementAndGet();
        if (premium) {
            premiumCalls.incrementAndGet();
        }
        List<String> first = premium ? premiumModels : cheapModels;
        List<String> then = premium ? cheapModels : premiumModels;
        List<String> preferred = new ArrayList<>(first);
        preferred.addAll(then);
        return RoutingStrategies.preferring(preferred, RoutingStrategies.capable(features, candidates));
    }

    /** Records the score and returns the threshold calibrated on the recent scores. */
    private synchronized double thresholdAfter(double score) {
        recentScores[(int) (seen % WINDOW)] = score;
        seen++;
        if (seen < WARM_UP) {
            return 1 - premiumShare;
        }
        if (premiumShare <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        int size = (int) Math.min(seen, WINDOW);
        double[] sorted = Arrays.copyOf(recentScores, size);
        Arrays.sort(sorted);
        int index = (int) Math.floor((1 - premiumShare) * size);
        return sorted[Math.min(index, size - 1)];
    }

    /** Calls routed premium-first so far. */
    public long premiumCalls() {
        return premiumCalls.get();
    }

    /** Calls routed so far. */
    public long calls() {
        return calls.get();
    }

    public double premiumShare() {
        return premiumShare;
    }
}

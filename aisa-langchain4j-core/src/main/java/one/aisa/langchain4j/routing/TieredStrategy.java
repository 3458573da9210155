package one.aisa.langchain4j.routing;

import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Cheap models for easy requests, premium ones for hard requests, with the wanted share of calls going premium. The
 * score is the learned {@link DifficultyModel}; the threshold is RouteLLM's calibration, a quantile of the scores:
 * the shipped model's training quantiles until {@value #WARM_UP} requests were seen, then those of the recent
 * requests. On top, the share is held: a request is sent the other way whenever following the threshold would put
 * the premium calls more than one call off {@code premiumShare} of all calls, so that any 100 calls hold the share
 * within a few calls, from the first call on, whatever the traffic looks like.
 *
 * <p><b>Experimental:</b> may change in any release (the README's Compatibility section).
 */
public final class TieredStrategy implements RoutingStrategy {

    static final int WARM_UP = 20;
    private static final int WINDOW = 1_000;
    /** How many calls the premium count may drift from the wanted share before the threshold is overruled. */
    private static final double SLACK = 1.0;

    private final List<String> cheapModels;
    private final List<String> premiumModels;
    private final double premiumShare;
    private final DifficultyModel difficulty;
    private final double[] recentScores = new double[WINDOW];
    private long premiumCalls;
    private long calls;

    TieredStrategy(List<String> cheapModels, List<String> premiumModels, double premiumShare) {
        this(cheapModels, premiumModels, premiumShare, DifficultyModel.builtIn());
    }

    TieredStrategy(
            List<String> cheapModels, List<String> premiumModels, double premiumShare, DifficultyModel difficulty) {
        if (!(premiumShare >= 0 && premiumShare <= 1)) {
            throw new IllegalArgumentException("premiumShare must be between 0 and 1, was " + premiumShare);
        }
        if (cheapModels.isEmpty() || premiumModels.isEmpty()) {
            throw new IllegalArgumentException("the tiered strategy needs at least one cheap and one premium model");
        }
        this.cheapModels = List.copyOf(cheapModels);
        this.premiumModels = List.copyOf(premiumModels);
        this.premiumShare = premiumShare;
        this.difficulty = java.util.Objects.requireNonNull(difficulty, "difficulty");
    }

    @Override
    public List<RouteCandidate> order(ChatRequest request, RequestFeatures features, List<RouteCandidate> candidates) {
        boolean premium = decide(difficulty.score(features));
        List<String> first = premium ? premiumModels : cheapModels;
        List<String> then = premium ? cheapModels : premiumModels;
        List<String> preferred = new ArrayList<>(first);
        preferred.addAll(then);
        return RoutingStrategies.preferring(preferred, RoutingStrategies.capable(features, candidates));
    }

    /** Records the score, and whether this call goes premium: the calibrated threshold, held to the share. */
    private synchronized boolean decide(double score) {
        if (premiumShare <= 0 || premiumShare >= 1) {
            calls++;
            premiumCalls += premiumShare >= 1 ? 1 : 0;
            return premiumShare >= 1;
        }
        double threshold = calls < WARM_UP ? difficulty.thresholdFor(premiumShare) : recentThreshold();
        recentScores[(int) (calls % WINDOW)] = score;
        double wanted = premiumShare * (calls + 1);
        boolean premium = score >= threshold;
        if (premium && premiumCalls + 1 > wanted + SLACK) {
            premium = false;
        } else if (!premium && premiumCalls < wanted - SLACK) {
            premium = true;
        }
        calls++;
        if (premium) {
            premiumCalls++;
        }
        return premium;
    }

    private double recentThreshold() {
        int size = (int) Math.min(calls, WINDOW);
        double[] sorted = Arrays.copyOf(recentScores, size);
        Arrays.sort(sorted);
        int index = (int) Math.floor((1 - premiumShare) * size);
        return sorted[Math.min(index, size - 1)];
    }

    /** Calls routed premium-first so far. */
    public synchronized long premiumCalls() {
        return premiumCalls;
    }

    /** Calls routed so far. */
    public synchronized long calls() {
        return calls;
    }

    public double premiumShare() {
        return premiumShare;
    }
}

package one.aisa.langchain4j.routing;

import dev.langchain4j.model.chat.request.ChatRequest;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import one.aisa.langchain4j.catalog.ModelInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Per request, the cheapest capable model expected to reach {@code qualityTarget} of what the best model of the
 * chain would score on it. The expectation combines two things, and nothing else:
 *
 * <ul>
 *   <li>each model's {@link one.aisa.langchain4j.catalog.QualityIndex}: the best is the capable model with the
 *       highest index, and a model {@code g} points below it falls short in proportion to {@code g};
 *   <li>the request's {@link DifficultyModel#relativeDifficulty}: an easy request narrows every gap, a hard one
 *       widens it.
 * </ul>
 *
 * <p>Expected share of the best model's score: {@code 1 - difficulty * shortfall * g / gap}, where {@code shortfall}
 * and {@code gap} are the difficulty model's training pair (GPT-4 vs Mixtral: Mixtral scored about 16 % less, 23
 * index points lower). So a model 23 points below the best is expected at about 84 % on an average request, and a
 * model with the same index as the best at 100 %.
 *
 * <p>A model without a quality index is never assumed good: it is expected at 0 % and goes first only for a target
 * of 0. With a target of 1 every request goes to the best model; with 0, to the cheapest capable one. The models
 * that do not reach the target follow as fallbacks, best expected first. When no capable model has an index, nothing is known: the chain order is kept,
 * and this is logged once.
 *
 * <p><b>Experimental:</b> may change in any release (the README's Compatibility section).
 */
public final class QualityAwareStrategy implements RoutingStrategy {

    private static final Logger LOG = LoggerFactory.getLogger(QualityAwareStrategy.class);
    private static final Set<String> WARNED = ConcurrentHashMap.newKeySet();

    private final double qualityTarget;
    private final DifficultyModel difficulty;

    QualityAwareStrategy(double qualityTarget, DifficultyModel difficulty) {
        if (!(qualityTarget >= 0 && qualityTarget <= 1)) {
            throw new IllegalArgumentException("qualityTarget must be between 0 and 1, was " + qualityTarget);
        }
        this.qualityTarget = qualityTarget;
        this.difficulty = java.util.Objects.requireNonNull(difficulty, "difficulty");
    }

    @Override
    public List<RouteCandidate> order(ChatRequest request, RequestFeatures features, List<RouteCandidate> candidates) {
        List<RouteCandidate> capable = RoutingStrategies.capable(features, candidates);
        double best =
                capable.stream().mapToDouble(QualityAwareStrategy::index).max().orElse(0);
        if (best <= 0) {
            if (!capable.isEmpty() && WARNED.add(labels(capable))) {
                LOG.warn(
                        "No model of {} has a quality index: quality-aware routing keeps the chain order. Set one with"
                                + " ModelInfo.withQuality(...) or aisa.catalog.models[i].quality-index.",
                        labels(capable));
            }
            return capable;
        }
        double hardness = difficulty.relativeDifficulty(features);
        List<RouteCandidate> reaching = new ArrayList<>();
        List<RouteCandidate> fallingShort = new ArrayList<>();
        for (RouteCandidate candidate : capable) {
            double expected = index(candidate) > 0 ? expectedShare(best, index(candidate), hardness) : 0;
            (expected >= qualityTarget ? reaching : fallingShort).add(candidate);
        }
        reaching.sort(Comparator.comparing(candidate -> RoutingStrategies.expectedCost(candidate, features)));
        fallingShort.sort(
                Comparator.comparingDouble(QualityAwareStrategy::index).reversed());
        reaching.addAll(fallingShort);
        return reaching;
    }

    /** The share of the best model's score a model of this index is expected to reach on a request this hard. */
    double expectedShare(double bestIndex, double index, double hardness) {
        double gap = Math.max(0, bestIndex - index);
        double share = 1 - hardness * difficulty.referenceShortfall() * gap / difficulty.referenceGap();
        return Math.max(0, Math.min(1, share));
    }

    public double qualityTarget() {
        return qualityTarget;
    }

    private static double index(RouteCandidate candidate) {
        return candidate
                .info()
                .map(ModelInfo::quality)
                .map(quality -> quality.value())
                .orElse(0.0);
    }

    private static String labels(List<RouteCandidate> candidates) {
        return candidates.stream().map(RouteCandidate::label).toList().toString();
    }
}

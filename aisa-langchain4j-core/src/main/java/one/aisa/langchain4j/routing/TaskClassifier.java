package one.aisa.langchain4j.routing;

import java.util.regex.Pattern;

/**
 * A fast, local guess at a request's task type from its features: images, CJK text, code, reasoning and creative
 * keywords, length. No network call, no model: the point is to cost nothing per request.
 */
public final class TaskClassifier {

    private static final Pattern REASONING = Pattern.compile(
            "(?i)\\b(prove|proof|step by step|derive|reason(ing)?|theorem|calculate|solve|logic|puzzle|why does|"
                    + "how many|probability|equation)\\b");
    private static final Pattern CREATIVE = Pattern.compile(
            "(?i)\\b(story|poem|poetry|lyrics|novel|fiction|creative|imagine|haiku|slogan|screenplay)\\b");
    private static final int SHORT_PROMPT_CHARS = 200;

    private TaskClassifier() {}

    public static TaskType classify(RequestFeatures features) {
        String text = features.lastUserText();
        if (features.needsVision()) {
            return TaskType.VISION;
        }
        if (features.cjkShare() > 0.3) {
            return TaskType.CHINESE;
        }
        if (features.hasCodeFence()) {
            return TaskType.CODE;
        }
        if (REASONING.matcher(text).find()) {
            return TaskType.REASONING;
        }
        if (CREATIVE.matcher(text).find()) {
            return TaskType.CREATIVE;
        }
        if (text.length() < SHORT_PROMPT_CHARS) {
            return TaskType.FAST;
        }
        return TaskType.GENERAL;
    }

    /**
     * The first, hand-weighted difficulty score, from 0 to 1: longer prompts, reasoning words, code and several
     * questions push it up. Replayed on public per-prompt results it ranks prompts little better than chance; the
     * tiered and quality-aware strategies use the learned {@link DifficultyModel} instead. Kept as the baseline the
     * routing benchmarks report beside it.
     */
    public static double difficulty(RequestFeatures features) {
        String text = features.lastUserText();
        double length = Math.min(1.0, Math.log1p(text.length()) / Math.log1p(4_000));
        double reasoning = Math.min(1.0, count(REASONING, text) / 2.0);
        double code = features.hasCodeFence() ? 1.0 : 0.0;
        double questions = Math.min(1.0, text.chars().filter(c -> c == '?').count() / 3.0);
        return 0.4 * length + 0.3 * reasoning + 0.2 * code + 0.1 * questions;
    }

    private static int count(Pattern pattern, String text) {
        int count = 0;
        var matcher = pattern.matcher(text);
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}

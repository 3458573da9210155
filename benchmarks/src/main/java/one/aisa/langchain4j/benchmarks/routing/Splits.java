package one.aisa.langchain4j.benchmarks.routing;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * The evaluation protocol's fixed split, set before any held-out number was computed: the 57 MMLU subjects, sorted
 * and shuffled with seed 20240810; the first 20 are held out (MMLU-TEST), the rest is where models are developed
 * and trained (MMLU-DEV). GSM8K and MT-Bench are never trained on. {@code high_school_mathematics} is left out of
 * training: its GPT-4 labels are below chance (3 % right on four choices), an answer-extraction error in the source.
 */
public final class Splits {

    public static final long SEED = 20240810L;
    public static final int HELD_OUT_SUBJECTS = 20;
    public static final Set<String> BROKEN_LABELS = Set.of("high_school_mathematics");

    private Splits() {}

    /** The held-out MMLU subjects. */
    public static Set<String> heldOutSubjects(List<EvalData.Item> mmlu) {
        List<String> subjects = new ArrayList<>(
                new TreeSet<>(mmlu.stream().map(EvalData.Item::group).toList()));
        Collections.shuffle(subjects, new Random(SEED));
        return Set.copyOf(subjects.subList(0, HELD_OUT_SUBJECTS));
    }

    /** MMLU-DEV: the subjects not held out, without the broken one. */
    public static List<EvalData.Item> dev(List<EvalData.Item> mmlu) {
        Set<String> heldOut = heldOutSubjects(mmlu);
        return mmlu.stream()
                .filter(item -> !heldOut.contains(item.group()) && !BROKEN_LABELS.contains(item.group()))
                .toList();
    }

    /** MMLU-TEST: the held-out subjects, as they are. */
    public static List<EvalData.Item> test(List<EvalData.Item> mmlu) {
        Set<String> heldOut = heldOutSubjects(mmlu);
        return mmlu.stream().filter(item -> heldOut.contains(item.group())).toList();
    }

    /** What the shipped model trains on: all of MMLU but the broken subject. */
    public static List<EvalData.Item> shipping(List<EvalData.Item> mmlu) {
        return mmlu.stream()
                .filter(item -> !BROKEN_LABELS.contains(item.group()))
                .toList();
    }
}

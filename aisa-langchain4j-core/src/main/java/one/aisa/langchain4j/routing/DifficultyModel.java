package one.aisa.langchain4j.routing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import one.aisa.langchain4j.catalog.QualityIndex;

/**
 * A learned estimate of how likely a strong model is to answer a prompt right where a weak one gets it wrong: a
 * logistic regression over {@link PromptFeatures}, trained offline on open per-prompt results (see the model file's
 * {@code trained-on} and {@code licence} lines) and shipped as a small text resource. It runs in-process, makes no
 * network call, and is immutable, so one instance serves every thread.
 *
 * <p>It ranks prompts better than chance, but not by much: measured on held-out benchmarks it is a modest signal
 * (the README's routing section gives the figures), so use it to spend premium calls where they most likely help,
 * not as a guarantee.
 *
 * <p>File format (UTF-8, tab-separated, {@code #} lines are comments): {@code format aisa-difficulty/1};
 * {@code trained-on}, {@code licence}; {@code intercept w0}; one {@code feature name mean sd weight} line per feature
 * in {@link PromptFeatures} order; {@code mean-score m} (the training scores' mean); {@code reference strong
 * strongArena weak weakArena shortfall} (the training pair, their LMArena text scores, and how much less the weak
 * one scored on average, as a share of the strong one's score); {@code quantiles q0 .. q100} (the training scores' percentiles, so that a wanted
 * premium share has a threshold from the first call); {@code check score prompt} lines (prompts with {@code \n}
 * escaped, and the score the trainer computed for them); {@code common word ...} (the common-word table).
 *
 * <p><b>Experimental:</b> may change in any release (the README's Compatibility section).
 */
public final class DifficultyModel {

    static final String FORMAT = "aisa-difficulty/1";
    private static final String RESOURCE = "difficulty-model.tsv";

    private final double intercept;
    private final double[] means;
    private final double[] sds;
    private final double[] weights;
    private final double[] quantiles;
    private final Set<String> commonWords;
    private final Map<String, Double> checks;
    private final String trainedOn;
    private final double meanScore;
    private final double referenceShortfall;
    private final double referenceGap;

    private DifficultyModel(Parsed parsed) {
        this.intercept = parsed.intercept;
        this.means = parsed.means;
        this.sds = parsed.sds;
        this.weights = parsed.weights;
        this.quantiles = parsed.quantiles;
        this.commonWords = Set.copyOf(parsed.commonWords);
        this.checks = Map.copyOf(parsed.checks);
        this.trainedOn = parsed.trainedOn;
        this.meanScore = parsed.meanScore;
        this.referenceShortfall = parsed.referenceShortfall;
        this.referenceGap = parsed.referenceGap;
    }

    /** The model shipped with the library. */
    public static DifficultyModel builtIn() {
        return BuiltIn.MODEL;
    }

    /** Loaded on first use, so that training code can call {@link #features} before a model file exists. */
    private static final class BuiltIn {
        static final DifficultyModel MODEL = load();
    }

    /** Reads a model in the format above, e.g. one retrained with the trainer in {@code benchmarks/}. */
    public static DifficultyModel read(InputStream in) throws IOException {
        return new DifficultyModel(Parsed.of(in));
    }

    /** The probability, in (0, 1), that a strong model answers this prompt right and a weak one does not. */
    public double score(String prompt) {
        return sigmoid(logit(features(prompt == null ? "" : prompt, commonWords)));
    }

    /** {@link #score(String)} of the request's last user message. */
    public double score(RequestFeatures features) {
        return score(features.lastUserText());
    }

    /**
     * How hard this request is compared with the average training prompt: its {@link #score} over the training
     * mean, so 1 is a typical prompt, 2 one twice as likely to need the strong model.
     */
    public double relativeDifficulty(RequestFeatures features) {
        return score(features) / meanScore;
    }

    /**
     * On an average prompt, how much less the training pair's weak model scored than its strong one, as a share of
     * the strong one's score (e.g. 0.15: 15 % less).
     */
    public double referenceShortfall() {
        return referenceShortfall;
    }

    /** The training pair's distance in {@link one.aisa.langchain4j.catalog.QualityIndex} points (strong minus weak). */
    public double referenceGap() {
        return referenceGap;
    }

    /**
     * The score above which a share {@code premiumShare} of the training prompts lies: the threshold that sends
     * that share of calls to premium models when traffic looks like the training data.
     */
    public double thresholdFor(double premiumShare) {
        if (premiumShare <= 0) {
            return Double.POSITIVE_INFINITY;
        }
        double position = (1 - Math.min(1, premiumShare)) * (quantiles.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(quantiles.length - 1, below + 1);
        return quantiles[below] + (position - below) * (quantiles[above] - quantiles[below]);
    }

    /** What the model was trained on, as its file says. */
    public String trainedOn() {
        return trainedOn;
    }

    /** The prompts the trainer scored, with its scores: the same code must give the same scores. */
    public Map<String, Double> checks() {
        return checks;
    }

    /** The features' names, in the order {@link #features(String, Set)} returns them. */
    public static List<String> featureNames() {
        return PromptFeatures.NAMES;
    }

    /** The raw feature values of a prompt, for training a model; {@code commonWords} are lower case. */
    public static double[] features(String prompt, Set<String> commonWords) {
        return PromptFeatures.of(prompt, commonWords);
    }

    /** The distinct words of a prompt, lower case, as the rare-word feature reads them: for counting common words. */
    public static Set<String> words(String prompt) {
        return PromptFeatures.distinctLowerCaseWords(prompt);
    }

    /** The common-word table of this model (for the rare-word feature). */
    public Set<String> commonWords() {
        return commonWords;
    }

    private double logit(double[] values) {
        double sum = intercept;
        for (int i = 0; i < values.length; i++) {
            sum += weights[i] * (values[i] - means[i]) / sds[i];
        }
        return sum;
    }

    private static double sigmoid(double logit) {
        return 1 / (1 + Math.exp(-logit));
    }

    private static DifficultyModel load() {
        try (InputStream in = DifficultyModel.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the difficulty model " + RESOURCE + " is missing from the jar");
            }
            return read(in);
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the difficulty model " + RESOURCE, e);
        }
    }

    @Override
    public String toString() {
        return "DifficultyModel{" + FORMAT + ", features=" + weights.length + ", trainedOn=" + trainedOn + '}';
    }

    /** The file, read and checked against the code: the feature names must be {@link PromptFeatures#NAMES}. */
    private static final class Parsed {

        double intercept = Double.NaN;
        double meanScore = Double.NaN;
        double referenceShortfall = Double.NaN;
        double referenceGap = Double.NaN;
        double[] means;
        double[] sds;
        double[] weights;
        double[] quantiles;
        String trainedOn = "unknown";
        final List<String> commonWords = new ArrayList<>();
        final Map<String, Double> checks = new LinkedHashMap<>();
        private final List<String> names = new ArrayList<>();
        private final List<double[]> rows = new ArrayList<>();
        private String format;

        static Parsed of(InputStream in) throws IOException {
            Parsed parsed = new Parsed();
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    parsed.accept(line.split("\t", -1));
                }
            }
            parsed.finish();
            return parsed;
        }

        private void accept(String[] fields) {
            switch (fields[0]) {
                case "format" -> format = fields[1];
                case "trained-on" -> trainedOn = fields[1];
                case "licence" -> {
                    // recorded in the file for readers; nothing to load
                }
                case "intercept" -> intercept = Double.parseDouble(fields[1]);
                case "mean-score" -> meanScore = Double.parseDouble(fields[1]);
                case "reference" -> {
                    referenceGap = QualityIndex.fromArenaScore(Integer.parseInt(fields[2]))
                                    .value()
                            - QualityIndex.fromArenaScore(Integer.parseInt(fields[4]))
                                    .value();
                    referenceShortfall = Double.parseDouble(fields[5]);
                }
                case "feature" -> {
                    names.add(fields[1]);
                    rows.add(new double[] {
                        Double.parseDouble(fields[2]), Double.parseDouble(fields[3]), Double.parseDouble(fields[4])
                    });
                }
                case "quantiles" ->
                    quantiles = Arrays.stream(fields, 1, fields.length)
                            .mapToDouble(Double::parseDouble)
                            .toArray();
                case "check" -> checks.put(fields[2].replace("\\n", "\n"), Double.parseDouble(fields[1]));
                case "common" -> commonWords.addAll(Arrays.asList(fields[1].split(" ")));
                default -> throw new IllegalArgumentException("unknown line '" + fields[0] + "' in a difficulty model");
            }
        }

        private void finish() {
            if (!FORMAT.equals(format)) {
                throw new IllegalArgumentException(
                        "a difficulty model must say 'format\t" + FORMAT + "', said " + format);
            }
            if (!names.equals(PromptFeatures.NAMES)) {
                throw new IllegalArgumentException("the difficulty model's features " + names + " are not the code's "
                        + PromptFeatures.NAMES + ": retrain it with the trainer in benchmarks/");
            }
            if (Double.isNaN(intercept)
                    || !(meanScore > 0)
                    || !(referenceGap > 0)
                    || Double.isNaN(referenceShortfall)
                    || quantiles == null
                    || quantiles.length < 2) {
                throw new IllegalArgumentException(
                        "a difficulty model needs an intercept, a mean score, a reference pair and quantiles");
            }
            means = rows.stream().mapToDouble(row -> row[0]).toArray();
            sds = rows.stream().mapToDouble(row -> row[1]).toArray();
            weights = rows.stream().mapToDouble(row -> row[2]).toArray();
            for (double sd : sds) {
                if (!(sd > 0)) {
                    throw new IllegalArgumentException("a difficulty model's feature sd must be positive, was " + sd);
                }
            }
        }
    }
}

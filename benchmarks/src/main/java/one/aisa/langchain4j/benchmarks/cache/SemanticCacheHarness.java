package one.aisa.langchain4j.benchmarks.cache;

import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import one.aisa.langchain4j.cache.SemanticCache;

/**
 * The semantic cache's quality on PAWS-Wiki (Google, "may be freely used for any purpose"; see
 * {@code benchmarks/data/paraphrase/README.md}): for each labelled sentence pair, would the answer stored for the first
 * be served for the second? The false-hit rate is that share among non-paraphrases, the hit rate among paraphrases.
 * Reported on the test split, which nothing was tuned on, beside the dev split and beside the threshold alone
 * (no guards) as the baseline; the library's default threshold and guards were set before this data was seen.
 *
 * <p>Run from the repository root: {@code java -cp benchmarks/target/benchmarks.jar
 * one.aisa.langchain4j.benchmarks.cache.SemanticCacheHarness [max pairs per split]} (all 15,951 pairs: 1 to 3 minutes on
 * 2 cores).
 */
public final class SemanticCacheHarness {

    private static final Path DATA = Path.of("benchmarks/data/paraphrase");
    private static final double[] THRESHOLDS = {0.80, 0.85, 0.88, 0.90, 0.92, 0.94, 0.96, 0.98};

    private record Pair(String split, boolean paraphrase, String first, String second) {}

    private record Scored(String split, boolean paraphrase, double similarity, boolean compatible) {}

    private SemanticCacheHarness() {}

    public static void main(String[] args) throws IOException {
        int limit = args.length > 0 ? Integer.parseInt(args[0]) : Integer.MAX_VALUE;
        List<Pair> pairs = read(limit);
        SemanticCache cache = SemanticCache.builder()
                .embeddingModel(new AllMiniLmL6V2QuantizedEmbeddingModel())
                .build();
        List<Scored> scored = new ArrayList<>();
        long start = System.nanoTime();
        for (Pair pair : pairs) {
            SemanticCache.Comparison comparison = cache.compare(pair.first(), pair.second());
            scored.add(new Scored(pair.split(), pair.paraphrase(), comparison.similarity(), comparison.compatible()));
        }
        System.out.printf(
                Locale.ROOT,
                "%d pairs (%d paraphrases) scored in %.0f s with the in-process MiniLM (all-minilm-l6-v2-q)%n%n",
                scored.size(),
                scored.stream().filter(Scored::paraphrase).count(),
                (System.nanoTime() - start) / 1e9);
        for (String split : List.of("test", "dev")) {
            System.out.println("split " + split + (split.equals("test") ? " (held out)" : "") + ":");
            System.out.println("| threshold | false hits, guards | hits, guards | false hits, threshold only | hits,"
                    + " threshold only |");
            System.out.println("|---|---|---|---|---|");
            for (double threshold : THRESHOLDS) {
                System.out.printf(
                        Locale.ROOT,
                        "| %.2f%s | %s | %s | %s | %s |%n",
                        threshold,
                        threshold == SemanticCache.DEFAULT_THRESHOLD ? " (default)" : "",
                        rate(scored, split, false, threshold, true),
                        rate(scored, split, true, threshold, true),
                        rate(scored, split, false, threshold, false),
                        rate(scored, split, true, threshold, false));
            }
            System.out.println();
        }
    }

    /** The share of this split's pairs with this label that would be served. */
    private static String rate(
            List<Scored> scored, String split, boolean paraphrase, double threshold, boolean guards) {
        long total = 0;
        long served = 0;
        for (Scored pair : scored) {
            if (pair.split().equals(split) && pair.paraphrase() == paraphrase) {
                total++;
                if (pair.similarity() >= threshold && (!guards || pair.compatible())) {
                    served++;
                }
            }
        }
        return total == 0 ? "-" : String.format(Locale.ROOT, "%.2f %%", 100.0 * served / total);
    }

    private static List<Pair> read(int limitPerSplit) throws IOException {
        List<String> rows = lines(DATA.resolve("paws-wiki-devtest.tsv.gz"));
        List<String> ids = lines(DATA.resolve("paws-wiki-devtest.ids.tsv.gz"));
        if (rows.size() != ids.size()) {
            throw new IllegalStateException("the pairs and their ids disagree: " + rows.size() + " vs " + ids.size());
        }
        List<Pair> pairs = new ArrayList<>();
        int dev = 0;
        int test = 0;
        for (int i = 0; i < rows.size(); i++) {
            String[] row = rows.get(i).split("\t", -1);
            String split = ids.get(i).split("\t", -1)[0];
            boolean isTest = split.equals("test");
            if ((isTest ? test : dev) >= limitPerSplit) {
                continue;
            }
            if (isTest) {
                test++;
            } else {
                dev++;
            }
            pairs.add(new Pair(split, row[0].equals("1"), row[1], row[2]));
        }
        return pairs;
    }

    private static List<String> lines(Path gzipped) throws IOException {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(gzipped)), StandardCharsets.UTF_8))) {
            return reader.lines().toList();
        }
    }
}

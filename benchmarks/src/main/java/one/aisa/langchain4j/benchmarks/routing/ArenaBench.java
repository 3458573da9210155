package one.aisa.langchain4j.benchmarks.routing;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * The arena-bench-v1 data in {@code benchmarks/data/arena-bench-v1/} (lmarena/arena-hard-auto, Apache-2.0; its
 * README gives the source and caveats): 300 Chatbot Arena prompts, each model's answer scored 1-10 by a GPT-4 judge,
 * and per model its LMArena text score and list prices of one reading.
 *
 * @param models the models, as {@code models.csv} lists them
 * @param prompts the prompts, in the file's order
 */
public record ArenaBench(List<Model> models, List<Prompt> prompts) {

    static final String FOLDER = "arena-bench-v1";

    /**
     * One model of the data set.
     *
     * @param name the model's column name in the scores file
     * @param arenaScore its LMArena text score, or {@code null} when the reading does not list it
     * @param inputPricePerMillion USD per 1M input tokens, or {@code null} when the reading gives none
     * @param outputPricePerMillion USD per 1M output tokens, or {@code null}
     */
    public record Model(
            String name, Integer arenaScore, BigDecimal inputPricePerMillion, BigDecimal outputPricePerMillion) {

        /** Whether the model has a score and prices, so that a router can rank and price it. */
        public boolean rankedAndPriced() {
            return arenaScore != null && inputPricePerMillion != null && outputPricePerMillion != null;
        }
    }

    /**
     * One prompt.
     *
     * @param questionId the upstream question id
     * @param prompt the user's (only) turn
     * @param scores the judge's 1-10 score per model name; a model whose judgment had no valid score is absent
     */
    public record Prompt(String questionId, String prompt, Map<String, Double> scores) {

        public Prompt {
            scores = Map.copyOf(scores);
        }
    }

    public ArenaBench {
        models = List.copyOf(models);
        prompts = List.copyOf(prompts);
    }

    /** Whether the data folder holds the data set (it is optional for the harness). */
    public static boolean isPresent(Path dataDir) {
        Path folder = dataDir.resolve(FOLDER);
        return Files.isRegularFile(folder.resolve("arena-bench-v1.csv.gz"))
                && Files.isRegularFile(folder.resolve("models.csv"));
    }

    public static ArenaBench read(Path dataDir) {
        Path folder = dataDir.resolve(FOLDER);
        List<Model> models = new ArrayList<>();
        for (CSVRecord row : parse(folder.resolve("models.csv"), false)) {
            models.add(new Model(
                    row.get("model"),
                    row.get("arena_score").isBlank() ? null : Integer.valueOf(row.get("arena_score")),
                    decimal(row.get("input_price_per_million")),
                    decimal(row.get("output_price_per_million"))));
        }
        List<Prompt> prompts = new ArrayList<>();
        for (CSVRecord row : parse(folder.resolve("arena-bench-v1.csv.gz"), true)) {
            Map<String, Double> scores = new LinkedHashMap<>();
            for (Model model : models) {
                String cell = row.get(model.name());
                if (!cell.isBlank()) {
                    scores.put(model.name(), Double.valueOf(cell));
                }
            }
            prompts.add(new Prompt(row.get("question_id"), row.get("prompt"), scores));
        }
        return new ArenaBench(models, prompts);
    }

    private static BigDecimal decimal(String cell) {
        return cell.isBlank() ? null : new BigDecimal(cell);
    }

    private static List<CSVRecord> parse(Path path, boolean gzipped) {
        try (InputStream file = Files.newInputStream(path);
                Reader in = new InputStreamReader(gzipped ? new GZIPInputStream(file) : file, StandardCharsets.UTF_8);
                CSVParser parser = CSVFormat.RFC4180
                        .builder()
                        .setHeader()
                        .setSkipHeaderRecord(true)
                        .get()
                        .parse(in)) {
            return parser.getRecords();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }
}

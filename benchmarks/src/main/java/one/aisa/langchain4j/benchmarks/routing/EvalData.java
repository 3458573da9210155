package one.aisa.langchain4j.benchmarks.routing;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/**
 * The routing-eval data in {@code benchmarks/data/routing-eval/} (RouteLLM-derived, Apache-2.0; its README gives the
 * source and row counts): per prompt, how a strong (GPT-4) and a weak (Mixtral-8x7B) model did.
 */
public final class EvalData {

    /** One prompt: its benchmark, its group (MMLU subject, MT-Bench category), its text and both results. */
    public record Item(String benchmark, String group, String prompt, double strong, double weak) {}

    private EvalData() {}

    /** The data folder: {@code -Drouting.data=...}, else {@code benchmarks/data} under the working directory or its parent. */
    public static Path dataDir() {
        String configured = System.getProperty("routing.data");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path candidate : List.of(Path.of("benchmarks/data"), Path.of("data"), Path.of("../benchmarks/data"))) {
            if (Files.isDirectory(candidate.resolve("routing-eval"))) {
                return candidate;
            }
        }
        throw new IllegalStateException(
                "benchmarks/data/routing-eval not found: run from the repository root or set -Drouting.data=<dir>");
    }

    public static List<Item> mmlu() {
        return read(
                "mmlu.csv.gz",
                row -> new Item(
                        "mmlu",
                        row.get("subject"),
                        row.get("prompt"),
                        number(row, "strong_correct"),
                        number(row, "weak_correct")));
    }

    public static List<Item> gsm8k() {
        return read(
                "gsm8k.csv.gz",
                row -> new Item(
                        "gsm8k",
                        "gsm8k",
                        row.get("prompt"),
                        number(row, "strong_correct"),
                        number(row, "weak_correct")));
    }

    /** MT-Bench: turn 1 only (what a router sees first), judge scores 1-10 as the results. */
    public static List<Item> mtBench() {
        return read(
                "mt_bench.csv.gz",
                row -> new Item(
                        "mt_bench",
                        row.get("category"),
                        row.get("prompt"),
                        number(row, "strong_score"),
                        number(row, "weak_score")));
    }

    private static double number(CSVRecord row, String column) {
        return Double.parseDouble(row.get(column));
    }

    private static List<Item> read(String file, java.util.function.Function<CSVRecord, Item> toItem) {
        Path path = dataDir().resolve("routing-eval").resolve(file);
        try (Reader in =
                new InputStreamReader(new GZIPInputStream(Files.newInputStream(path)), StandardCharsets.UTF_8)) {
            List<Item> items = new ArrayList<>();
            for (CSVRecord row : CSVFormat.RFC4180
                    .builder()
                    .setHeader()
                    .setSkipHeaderRecord(true)
                    .get()
                    .parse(in)) {
                items.add(toItem.apply(row));
            }
            return items;
        } catch (IOException e) {
            throw new UncheckedIOException("could not read " + path, e);
        }
    }
}

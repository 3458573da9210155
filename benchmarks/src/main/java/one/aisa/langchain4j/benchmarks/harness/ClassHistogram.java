package one.aisa.langchain4j.benchmarks.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.management.JMException;
import javax.management.ObjectName;

/**
 * The live objects of this JVM by class, as {@code jcmd <pid> GC.class_histogram} prints them (a full collection
 * first, then every live object counted with its exact size), and the difference of two such counts.
 */
final class ClassHistogram {

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");

    /** Per class name: instances and bytes. */
    private final Map<String, long[]> classes;

    private ClassHistogram(Map<String, long[]> classes) {
        this.classes = classes;
    }

    /** The live objects now. */
    static ClassHistogram live() throws JMException {
        return parse(histogram());
    }

    /**
     * The live objects now, kept in a file rather than on the heap, so that a later count does not include this
     * one's text; {@link #read} loads it.
     */
    static Path liveToFile() throws JMException, IOException {
        Path file = Files.createTempFile("class-histogram", ".txt");
        file.toFile().deleteOnExit();
        Files.writeString(file, histogram());
        return file;
    }

    static ClassHistogram read(Path file) throws IOException {
        return parse(Files.readString(file));
    }

    /** The heap in use after full collections, once two in a row agree within 16 KiB. */
    static long settledHeapUsed() {
        long previous = Long.MAX_VALUE;
        for (int attempt = 0; attempt < 10; attempt++) {
            System.gc();
            long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            if (Math.abs(previous - used) < 16 * 1024) {
                return used;
            }
            previous = used;
        }
        return previous;
    }

    /** What this count holds that {@code earlier} did not, class by class (negative where it holds less). */
    ClassHistogram minus(ClassHistogram earlier) {
        Set<String> names = new HashSet<>(classes.keySet());
        names.addAll(earlier.classes.keySet());
        Map<String, long[]> difference = new HashMap<>();
        for (String name : names) {
            long[] now = classes.getOrDefault(name, new long[2]);
            long[] then = earlier.classes.getOrDefault(name, new long[2]);
            difference.put(name, new long[] {now[0] - then[0], now[1] - then[1]});
        }
        return new ClassHistogram(difference);
    }

    long totalBytes() {
        return classes.values().stream().mapToLong(counts -> counts[1]).sum();
    }

    /**
     * Markdown rows, most bytes first: instances and bytes per {@code entries}, for every class of at least
     * {@code minBytes} per entry either way; the rest summed in one row.
     */
    String table(int entries, double minBytes) {
        StringBuilder table = new StringBuilder("| class | instances per entry | bytes per entry |\n|---|---|---|\n");
        long restInstances = 0;
        long restBytes = 0;
        List<Map.Entry<String, long[]>> rows = classes.entrySet().stream()
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> row) -> row.getValue()[1])
                        .reversed())
                .toList();
        for (Map.Entry<String, long[]> row : rows) {
            long[] counts = row.getValue();
            if (Math.abs((double) counts[1] / entries) >= minBytes) {
                table.append(String.format(
                        "| `%s` | %.2f | %.1f |%n",
                        row.getKey(), (double) counts[0] / entries, (double) counts[1] / entries));
            } else {
                restInstances += counts[0];
                restBytes += counts[1];
            }
        }
        return table.append(String.format(
                        "| (every other class) | %.2f | %.1f |%n| **total** | | **%.1f** |%n",
                        (double) restInstances / entries,
                        (double) restBytes / entries,
                        (double) totalBytes() / entries))
                .toString();
    }

    private static String histogram() throws JMException {
        return (String) ManagementFactory.getPlatformMBeanServer()
                .invoke(
                        new ObjectName("com.sun.management:type=DiagnosticCommand"),
                        "gcClassHistogram",
                        new Object[] {new String[0]},
                        new String[] {String[].class.getName()});
    }

    private static ClassHistogram parse(String histogram) {
        Map<String, long[]> classes = new HashMap<>();
        for (String line : histogram.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                // a class loaded twice (by two loaders) has two rows
                classes.merge(
                        row.group(3), new long[] {Long.parseLong(row.group(1)), Long.parseLong(row.group(2))}, (a, b) ->
                                new long[] {a[0] + b[0], a[1] + b[1]});
            }
        }
        return classes.isEmpty() ? failed(histogram) : new ClassHistogram(classes);
    }

    private static ClassHistogram failed(String histogram) {
        throw new IllegalStateException(
                "not a class histogram: " + histogram.substring(0, Math.min(200, histogram.length())));
    }
}

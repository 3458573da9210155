package one.aisa.langchain4j.benchmarks.routing;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** A Markdown table, built row by row, and the number formats the routing reports share. */
final class MarkdownTable {

    private final int columns;
    private final StringBuilder text = new StringBuilder();

    MarkdownTable(String... headers) {
        this.columns = headers.length;
        line(headers);
        line(Arrays.stream(headers).map(header -> "---").toArray());
    }

    MarkdownTable row(Object... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("a row of " + columns + " cells was given " + cells.length);
        }
        line(cells);
        return this;
    }

    private void line(Object[] cells) {
        text.append(Arrays.stream(cells).map(String::valueOf).collect(Collectors.joining(" | ", "| ", " |\n")));
    }

    @Override
    public String toString() {
        return text.toString();
    }

    /** A share as a percentage with one decimal, e.g. {@code 41.3 %}. */
    static String percent(double share) {
        return String.format(Locale.ROOT, "%.1f %%", 100 * share);
    }

    /** A number with three decimals. */
    static String decimal(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    /** A mean and a standard deviation with three decimals, e.g. {@code 0.501 ± 0.012}. */
    static String decimal(double mean, double sd) {
        return String.format(Locale.ROOT, "%.3f ± %.3f", mean, sd);
    }
}

package one.aisa.langchain4j.samples.cli;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with aligned columns, for terminals; a cell with line breaks spans several lines. */
final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    Table(String... headers) {
        this.headers = List.of(headers);
    }

    Table row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "-" : String.valueOf(cell));
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = headers.get(i).length();
            for (List<String> row : rows) {
                for (String line : row.get(i).split("\n", -1)) {
                    widths[i] = Math.max(widths[i], line.length());
                }
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        List<String> rule = new ArrayList<>();
        for (int width : widths) {
            rule.add("-".repeat(width));
        }
        line(out, rule, widths);
        for (List<String> row : rows) {
            List<String[]> cellLines =
                    row.stream().map(cell -> cell.split("\n", -1)).toList();
            int height =
                    cellLines.stream().mapToInt(lines -> lines.length).max().orElse(1);
            for (int lineIndex = 0; lineIndex < height; lineIndex++) {
                int index = lineIndex;
                line(
                        out,
                        cellLines.stream()
                                .map(lines -> index < lines.length ? lines[index] : "")
                                .toList(),
                        widths);
            }
        }
        return out.toString();
    }

    private static void line(StringBuilder out, List<String> cells, int[] widths) {
        for (int i = 0; i < cells.size(); i++) {
            String cell = cells.get(i);
            out.append(cell);
            if (i < cells.size() - 1) {
                out.append(" ".repeat(widths[i] - cell.length() + 2));
            }
        }
        while (out.length() > 0 && out.charAt(out.length() - 1) == ' ') {
            out.setLength(out.length() - 1);
        }
        out.append('\n');
    }
}

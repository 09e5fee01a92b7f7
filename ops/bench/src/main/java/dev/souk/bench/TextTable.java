package dev.souk.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A markdown table with padded columns, readable as plain text and pasteable into an issue. */
final class TextTable {

    private final List<String> headers;
    private final boolean[] rightAligned;
    private final List<List<String>> rows = new ArrayList<>();

    TextTable(String... headers) {
        this.headers = Arrays.asList(headers);
        this.rightAligned = new boolean[headers.length];
        for (int i = 1; i < headers.length; i++) {
            rightAligned[i] = true;
        }
    }

    TextTable leftAligned(int... columns) {
        for (int column : columns) {
            rightAligned[column] = false;
        }
        return this;
    }

    TextTable row(Object... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("expected " + headers.size() + " cells, got " + cells.length);
        }
        List<String> row = new ArrayList<>();
        for (Object cell : cells) {
            row.add(cell == null ? "-" : cell.toString().replace("|", "\\|"));
        }
        rows.add(row);
        return this;
    }

    @Override
    public String toString() {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = Math.max(3, headers.get(i).length());
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], row.get(i).length());
            }
        }
        StringBuilder out = new StringBuilder();
        line(out, headers, widths);
        out.append('|');
        for (int i = 0; i < widths.length; i++) {
            out.append(rightAligned[i] ? " " + "-".repeat(widths[i] - 1) + ": |" : " " + "-".repeat(widths[i]) + " |");
        }
        out.append('\n');
        rows.forEach(row -> line(out, row, widths));
        return out.toString();
    }

    private void line(StringBuilder out, List<String> cells, int[] widths) {
        out.append('|');
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            String pad = " ".repeat(widths[i] - cell.length());
            out.append(' ').append(rightAligned[i] ? pad + cell : cell + pad).append(" |");
        }
        out.append('\n');
    }
}

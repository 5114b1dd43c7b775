package io.serialgate.client.output;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A text table in the style novaclient prints (prettytable): a ruled header and one line per row.
 * Cells are single lines; a newline in a value is shown as a space so rows stay aligned.
 */
public final class Table {

    private final List<String> headers;
    private final List<List<String>> rows = new ArrayList<>();

    private Table(List<String> headers) {
        this.headers = headers;
    }

    public static Table of(String... headers) {
        return new Table(List.of(headers));
    }

    /** A two-column Property/Value table of a JSON object's fields, sorted by name (like {@code nova show}). */
    public static Table properties(JsonNode object) {
        Table table = of("Property", "Value");
        Map<String, JsonNode> sorted = new TreeMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> fields = object.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            sorted.put(field.getKey(), field.getValue());
        }
        sorted.forEach((name, value) -> table.row(name, cell(value)));
        return table;
    }

    /** A JSON value as a cell: text as is, null as empty, anything else as compact JSON. */
    public static String cell(JsonNode value) {
        if (value == null || value.isNull() || value.isMissingNode()) {
            return "";
        }
        return value.isValueNode() ? value.asText() : value.toString();
    }

    public Table row(String... cells) {
        if (cells.length != headers.size()) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table has " + headers.size() + " columns");
        }
        rows.add(Arrays.stream(cells).map(c -> c == null ? "" : c.replaceAll("[\\r\\n\\t]+", " ")).toList());
        return this;
    }

    public void print(PrintStream out) {
        int[] widths = new int[headers.size()];
        for (int i = 0; i < widths.length; i++) {
            widths[i] = width(headers.get(i));
            for (List<String> row : rows) {
                widths[i] = Math.max(widths[i], width(row.get(i)));
            }
        }
        String rule = rule(widths);
        StringBuilder text = new StringBuilder();
        text.append(rule).append(line(headers, widths)).append(rule);
        for (List<String> row : rows) {
            text.append(line(row, widths));
        }
        if (!rows.isEmpty()) {
            text.append(rule);
        }
        out.print(text);
        out.flush();
    }

    private static String rule(int[] widths) {
        StringBuilder rule = new StringBuilder("+");
        for (int width : widths) {
            rule.append("-".repeat(width + 2)).append('+');
        }
        return rule.append('\n').toString();
    }

    private static String line(List<String> cells, int[] widths) {
        StringBuilder line = new StringBuilder("|");
        for (int i = 0; i < widths.length; i++) {
            String cell = cells.get(i);
            line.append(' ').append(cell).append(" ".repeat(widths[i] - width(cell))).append(" |");
        }
        return line.append('\n').toString();
    }

    private static int width(String text) {
        return text.codePointCount(0, text.length());
    }
}

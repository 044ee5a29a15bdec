package io.reqldb.tools.format;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The official CSV export: Python {@code csv.writer} defaults (quote {@code "}, doubled quotes,
 * minimal quoting, {@code \r\n}) with a header of the {@code --fields} names. Cells follow
 * {@code _export.py}: numbers and booleans as Python {@code str()} ({@code True}/{@code False}),
 * strings as they are, anything else as {@code json.dumps}. Written as UTF-8.
 */
public final class CsvRowWriter implements RowWriter {
    private final OutputStream out;
    private final List<String> fields;
    private final char delimiter;
    private final StringBuilder line = new StringBuilder(256);

    /** Writes the header line at once. */
    public CsvRowWriter(OutputStream out, List<String> fields, char delimiter) throws IOException {
        this.out = out;
        this.fields = List.copyOf(fields);
        this.delimiter = delimiter;
        writeLine(this.fields);
    }

    @Override
    public void write(Map<String, Object> row) throws IOException {
        String[] cells = new String[fields.size()];
        for (int i = 0; i < cells.length; i++) {
            cells[i] = cell(row, fields.get(i));
        }
        writeLine(List.of(cells));
    }

    private static String cell(Map<String, Object> row, String field) {
        if (!row.containsKey(field)) {
            return "";
        }
        Object value = row.get(field);
        if (value instanceof String s) {
            return s;
        }
        if (value instanceof Boolean b) {
            return b ? "True" : "False";
        }
        // Python str() of a number equals its JSON form, so one encoder covers numbers and the rest.
        return PyJson.encode(value);
    }

    private void writeLine(List<String> cells) throws IOException {
        line.setLength(0);
        for (int i = 0; i < cells.size(); i++) {
            if (i > 0) {
                line.append(delimiter);
            }
            appendCell(cells.get(i), cells.size() == 1);
        }
        line.append("\r\n");
        out.write(line.toString().getBytes(StandardCharsets.UTF_8));
    }

    private void appendCell(String cell, boolean onlyCell) {
        // Python's writer quotes a lone empty cell so the line is not mistaken for an empty row.
        boolean quote = (onlyCell && cell.isEmpty()) || cell.indexOf(delimiter) >= 0
                || cell.indexOf('"') >= 0 || cell.indexOf('\r') >= 0 || cell.indexOf('\n') >= 0;
        if (!quote) {
            line.append(cell);
            return;
        }
        line.append('"').append(cell.replace("\"", "\"\"")).append('"');
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}

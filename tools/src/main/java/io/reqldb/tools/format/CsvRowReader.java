package io.reqldb.tools.format;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads CSV rows as the official import does: every value is a string and empty cells are left
 * out of the document. Unlike the official reader it honours {@code --delimiter}.
 */
public final class CsvRowReader implements RowReader {
    private final BufferedReader in;
    private final String name;
    private final char delimiter;
    private final List<String> header;
    private long chars;
    private int line;

    /**
     * Opens the reader. With {@code customHeader} non-null it names the columns; the file's own
     * header line is then skipped unless {@code noHeader} says there is none.
     */
    public CsvRowReader(InputStream source, String name, char delimiter, List<String> customHeader,
            boolean noHeader) throws IOException {
        this.in = new BufferedReader(new InputStreamReader(source, StandardCharsets.UTF_8), 1 << 16);
        this.name = name;
        this.delimiter = delimiter;
        List<String> fileHeader = noHeader ? null : readRecord();
        if (customHeader != null) {
            this.header = List.copyOf(customHeader);
        } else if (fileHeader != null) {
            this.header = fileHeader;
        } else {
            throw new FormatException("Source is zero-length: " + name);
        }
    }

    @Override
    public Map<String, Object> next() throws IOException {
        List<String> cells = readRecord();
        if (cells == null) {
            return null;
        }
        if (cells.size() != header.size()) {
            throw new FormatException("Error: '" + name + "' line " + line
                    + " has an inconsistent number of columns: " + String.join(String.valueOf(delimiter), cells));
        }
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 0; i < cells.size(); i++) {
            if (!cells.get(i).isEmpty()) {
                row.put(header.get(i), cells.get(i));
            }
        }
        return row;
    }

    /** One record, following quotes across line breaks; null at end of file. */
    private List<String> readRecord() throws IOException {
        String text = in.readLine();
        if (text == null) {
            return null;
        }
        line++;
        chars += text.length() + 2;
        List<String> cells = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        int i = 0;
        while (true) {
            if (i == text.length()) {
                if (!quoted) {
                    break;
                }
                String more = in.readLine();
                if (more == null) {
                    throw new FormatException("Error: '" + name + "' line " + line + " has an unterminated quoted field");
                }
                line++;
                chars += more.length() + 2;
                cell.append('\n');
                text = more;
                i = 0;
                continue;
            }
            char c = text.charAt(i++);
            if (quoted) {
                if (c == '"' && i < text.length() && text.charAt(i) == '"') {
                    cell.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    cell.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == delimiter) {
                cells.add(cell.toString());
                cell.setLength(0);
            } else {
                cell.append(c);
            }
        }
        cells.add(cell.toString());
        return cells;
    }

    /** The column names in use. */
    public List<String> header() {
        return header;
    }

    @Override
    public long bytesRead() {
        return chars;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}

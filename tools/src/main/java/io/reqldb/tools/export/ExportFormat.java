package io.reqldb.tools.export;

import io.reqldb.tools.format.CsvRowWriter;
import io.reqldb.tools.format.JsonArrayRowWriter;
import io.reqldb.tools.format.NdjsonRowWriter;
import io.reqldb.tools.format.RowWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;

/** The data file formats of {@code export --format}. */
public enum ExportFormat {
    JSON, CSV, NDJSON;

    /** The data file's extension. */
    public String extension() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** A writer of this format; CSV needs the fields and delimiter. */
    public RowWriter writer(OutputStream out, List<String> fields, char delimiter) throws IOException {
        return switch (this) {
            case JSON -> new JsonArrayRowWriter(out);
            case NDJSON -> new NdjsonRowWriter(out);
            case CSV -> new CsvRowWriter(out, fields, delimiter);
        };
    }
}

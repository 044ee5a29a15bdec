package io.reqldb.tools.importer;

import io.reqldb.tools.format.CsvRowReader;
import io.reqldb.tools.format.JsonRowReader;
import io.reqldb.tools.format.RowReader;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

/** Picks the row reader for a data file by its format. */
public final class SourceReaders {
    private SourceReaders() {}

    /** CSV options; {@code header} null means "read it from the file". */
    public record CsvOptions(char delimiter, List<String> header, boolean noHeader) {
        /** The defaults a restore and a directory import use. */
        public static final CsvOptions DEFAULT = new CsvOptions(',', null, false);
    }

    /** A reader for "json", "ndjson" (objects that simply follow each other; may be empty) or "csv". */
    public static RowReader open(InputStream in, String name, String format, CsvOptions csv, long maxDocumentSize)
            throws IOException {
        if (format.equals("csv")) {
            return new CsvRowReader(in, name, csv.delimiter(), csv.header(), csv.noHeader());
        }
        return new JsonRowReader(in, name, maxDocumentSize, format.equals("ndjson"));
    }
}

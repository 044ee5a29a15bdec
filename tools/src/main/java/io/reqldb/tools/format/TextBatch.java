package io.reqldb.tools.format;

import java.io.IOException;
import java.io.OutputStream;

/**
 * Rows of {@link PyJson} text gathered into writes of {@value #SIZE} bytes or more: a row is
 * small, and writing each (and its separator) through the stream chain costs a copy and several
 * calls more than appending it here. Writes this large also pass a 64 KiB buffered stream by.
 */
final class TextBatch {
    static final int SIZE = 1 << 16;

    private final OutputStream out;
    private final AsciiBuffer text = new AsciiBuffer(SIZE + 4096);

    TextBatch(OutputStream out) {
        this.out = out;
    }

    /** Where the next row goes. */
    AsciiBuffer text() {
        return text;
    }

    /** Call after each row: writes the batch out once it is large enough. */
    void rowDone() throws IOException {
        if (text.length() >= SIZE) {
            flush();
        }
    }

    /** Writes out what is gathered. */
    void flush() throws IOException {
        text.writeTo(out);
        text.clear();
    }
}

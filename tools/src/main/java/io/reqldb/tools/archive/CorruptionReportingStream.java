package io.reqldb.tools.archive;

import io.reqldb.tools.format.FormatException;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;

/**
 * A member's content stream that turns low-level decompression and tar errors into one clear
 * "truncated or corrupt" message, and never closes the archive underneath.
 */
final class CorruptionReportingStream extends FilterInputStream {
    private final ArchiveReader archive;

    CorruptionReportingStream(InputStream in, ArchiveReader archive) {
        super(in);
        this.archive = archive;
    }

    @Override
    public int read() throws IOException {
        try {
            return super.read();
        } catch (FormatException e) {
            throw e;
        } catch (IOException e) {
            throw archive.corrupt(e);
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        try {
            return super.read(b, off, len);
        } catch (FormatException e) {
            throw e;
        } catch (IOException e) {
            throw archive.corrupt(e);
        }
    }

    @Override
    public void close() {
        // The archive owns the stream; closing one member must not end the others.
    }
}

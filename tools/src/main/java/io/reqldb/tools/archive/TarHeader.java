package io.reqldb.tools.archive;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.attribute.FileTime;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * The tar records that come before a member's data, as commons-compress writes them (a POSIX
 * extended header first when the name is longer than 100 bytes or the size needs it). The data
 * itself and its padding are written by the caller, compressed on their own.
 */
final class TarHeader {
    static final int RECORD = 512;

    private TarHeader() {}

    /** The header records of a regular file (mode 0644) named {@code name} of {@code size} bytes. */
    static byte[] of(String name, long size, FileTime modified) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(size);
        entry.setMode(0644);
        entry.setModTime(modified);
        ByteArrayOutputStream out = new ByteArrayOutputStream(2 * RECORD);
        // Only putArchiveEntry is called: it writes the header records, whole, and nothing else.
        // The stream is dropped unclosed, since closing it would expect the data.
        @SuppressWarnings("resource")
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
        tar.putArchiveEntry(entry);
        if (out.size() == 0 || out.size() % RECORD != 0) {
            throw new IllegalStateException("tar header of " + out.size() + " bytes");
        }
        return out.toByteArray();
    }

    /** Zero bytes that bring data of {@code size} bytes to a whole record. */
    static byte[] padding(long size) {
        return new byte[(int) ((RECORD - size % RECORD) % RECORD)];
    }
}

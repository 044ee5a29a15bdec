package io.reqldb.tools.archive;

import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipParameters;

/**
 * Writes a dump archive as a gzip'd tar of regular files named {@code <top>/<member>}. A file
 * target is written to a hidden sibling first and renamed only by {@link #commit()}, so a dump
 * that fails (full disk, Ctrl-C, server error) never leaves a half archive under the real name.
 */
public final class ArchiveWriter implements Closeable {
    /**
     * Level 6 rather than Python's 9: nearly the same size for JSON text at a fraction of the CPU,
     * which matters because compression runs on the dump's critical path.
     */
    private static final int GZIP_LEVEL = Deflater.DEFAULT_COMPRESSION;

    private final String top;
    private final Path target;
    private final Path partial;
    private final TarArchiveOutputStream tar;
    private boolean committed;
    /**
     * The first write failure. commons-compress closes its block channel when a write fails, so
     * every later write would fail with a bare ClosedChannelException; they rethrow this instead.
     */
    private IOException broken;

    private ArchiveWriter(String top, Path target, Path partial, OutputStream raw) throws IOException {
        this.top = top;
        this.target = target;
        this.partial = partial;
        GzipParameters gzip = new GzipParameters();
        gzip.setCompressionLevel(GZIP_LEVEL);
        this.tar = new TarArchiveOutputStream(
                new GzipCompressorOutputStream(new BufferedOutputStream(raw, 1 << 16), gzip));
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    }

    /** Starts an archive that {@link #commit()} moves to {@code target}. */
    public static ArchiveWriter toFile(String top, Path target) throws IOException {
        return toFile(top, target, partialFor(target));
    }

    /**
     * As above, writing to {@code partial} (from {@link #partialFor}), so a caller can arrange its
     * removal before the file exists.
     */
    public static ArchiveWriter toFile(String top, Path target, Path partial) throws IOException {
        return new ArchiveWriter(top, target, partial, Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE));
    }

    /** A fresh hidden name beside {@code target} for the archive being written. */
    public static Path partialFor(Path target) {
        Path dir = target.toAbsolutePath().getParent();
        return dir.resolve("." + target.getFileName() + "." + Long.toUnsignedString(new SecureRandom().nextLong(), 36)
                + ".partial");
    }

    /** Writes an archive straight to a stream (for {@code -f -}); nothing to rename. */
    public static ArchiveWriter toStream(String top, OutputStream out) throws IOException {
        return new ArchiveWriter(top, null, null, out);
    }

    /** The hidden file being written, or null for a stream target; for clean-up on interrupt. */
    public Path partialFile() {
        return partial;
    }

    /** Adds a member from a file, then deletes the file (the official dump does the same). */
    public synchronized void addFileAndDelete(String member, Path file) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(top + "/" + member);
        entry.setSize(Files.size(file));
        entry.setMode(0644);
        entry.setModTime(Files.getLastModifiedTime(file));
        checkNotBroken();
        try {
            tar.putArchiveEntry(entry);
            Files.copy(file, tar);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw breaks(e);
        }
        Files.delete(file);
    }

    /** Adds a small member from memory. */
    public synchronized void addBytes(String member, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(top + "/" + member);
        entry.setSize(content.length);
        entry.setMode(0644);
        checkNotBroken();
        try {
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        } catch (IOException e) {
            throw breaks(e);
        }
    }

    private void checkNotBroken() throws IOException {
        if (broken != null) {
            throw new IOException(broken.getMessage(), broken);
        }
    }

    private IOException breaks(IOException e) {
        if (broken == null) {
            broken = e;
        }
        return broken == e ? e : new IOException(broken.getMessage(), broken);
    }

    /** Finishes the archive, forces it to disk and gives it its real name. */
    public synchronized void commit() throws IOException {
        checkNotBroken();
        try {
            tar.finish();
            tar.close();
        } catch (IOException e) {
            throw breaks(e);
        }
        if (partial != null) {
            try (FileChannel channel = FileChannel.open(partial, StandardOpenOption.WRITE)) {
                channel.force(true);
            }
            // A temporary file is private (0600); the archive gets the usual 0644, as tarfile gives it.
            Files.setPosixFilePermissions(partial, PosixFilePermissions.fromString("rw-r--r--"));
            // The caller checked --overwrite-file before the dump began; rename replaces atomically.
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE);
        }
        committed = true;
    }

    /** Abandons an uncommitted archive and deletes its partial file. */
    @Override
    public synchronized void close() throws IOException {
        if (committed) {
            return;
        }
        try {
            tar.close();
        } catch (IOException ignored) {
            // Already failing (often a full disk); the partial file goes away below either way.
        }
        if (partial != null) {
            Files.deleteIfExists(partial);
        }
    }
}

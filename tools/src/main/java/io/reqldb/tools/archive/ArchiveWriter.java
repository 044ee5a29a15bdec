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
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Writes a dump archive as a gzip'd tar of regular files named {@code <top>/<member>}. A file
 * target is written to a hidden sibling first and renamed only by {@link #commit()}, so a dump
 * that fails (full disk, Ctrl-C, server error) never leaves a half archive under the real name.
 *
 * <p>The archive is one gzip member whose deflate stream is compressed in pieces on all cores
 * ({@link DeflateSegment}). A table's data is compressed while it is read ({@link #openEntry})
 * into a staging file, and only copied into the archive, behind its tar header, once its size
 * is known; the pieces join into one stream whatever order they were compressed in.
 */
public final class ArchiveWriter implements Closeable {
    private final String top;
    private final Path target;
    private final Path partial;
    private final OutputStream out;
    private final ExecutorService pool;
    /** The CRC-32 and length of the uncompressed stream so far, for the gzip trailer. */
    private int crc;
    private long length;
    private boolean committed;
    /**
     * The first write failure; every later write rethrows it instead of adding to a broken
     * archive.
     */
    private IOException broken;

    /** A gzip header: deflate, no name, no time, unknown OS. */
    private static final byte[] GZIP_HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private ArchiveWriter(String top, Path target, Path partial, OutputStream raw) throws IOException {
        this.top = top;
        this.target = target;
        this.partial = partial;
        this.out = new BufferedOutputStream(raw, 1 << 16);
        this.pool = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(), r -> {
            Thread t = new Thread(r, "archive-gzip");
            t.setDaemon(true);
            return t;
        });
        out.write(GZIP_HEADER);
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
    public void addFileAndDelete(String member, Path file) throws IOException {
        Path staging = file.resolveSibling(file.getFileName() + ".deflate");
        try (Entry entry = openEntry(staging)) {
            Files.copy(file, entry);
            addEntry(member, entry);
        } finally {
            Files.deleteIfExists(staging);
        }
        Files.delete(file);
    }

    /** Adds a small member from memory. */
    public synchronized void addBytes(String member, byte[] content) throws IOException {
        checkNotBroken();
        try {
            byte[] header = TarHeader.of(top + "/" + member, content.length, FileTime.fromMillis(System.currentTimeMillis()));
            byte[] padding = TarHeader.padding(content.length);
            byte[] all = new byte[header.length + content.length + padding.length];
            System.arraycopy(header, 0, all, 0, header.length);
            System.arraycopy(content, 0, all, header.length, content.length);
            append(DeflateSegment.of(all, false));
        } catch (IOException e) {
            throw breaks(e);
        }
    }

    private void append(DeflateSegment segment) throws IOException {
        out.write(segment.deflated());
        crc = Crc32Combine.combine(crc, segment.crc(), segment.length());
        length += segment.length();
    }

    /**
     * Starts a member whose data is written, and compressed, before its size is known: the
     * compressed data is staged in {@code staging} until {@link #addEntry} puts it in the archive.
     * Any number of entries may be open at once, from any threads.
     */
    public Entry openEntry(Path staging) throws IOException {
        return new Entry(staging, new ParallelDeflateStream(
                new BufferedOutputStream(Files.newOutputStream(staging), 1 << 16), pool));
    }

    /** Appends a finished entry's header and data, and deletes its staging file. */
    public void addEntry(String member, Entry entry) throws IOException {
        long size = entry.finish();
        DeflateSegment header = DeflateSegment.of(TarHeader.of(top + "/" + member, size,
                FileTime.fromMillis(System.currentTimeMillis())), false);
        synchronized (this) {
            checkNotBroken();
            try {
                append(header);
                Files.copy(entry.staging, out);
                crc = Crc32Combine.combine(crc, entry.data.crc(), entry.data.count());
                length += entry.data.count();
            } catch (IOException e) {
                throw breaks(e);
            }
        }
        Files.delete(entry.staging);
    }

    /** The data of one member on its way into the archive; see {@link #openEntry}. */
    public static final class Entry extends OutputStream {
        private final Path staging;
        private final ParallelDeflateStream data;
        private long size = -1;

        private Entry(Path staging, ParallelDeflateStream data) {
            this.staging = staging;
            this.data = data;
        }

        @Override
        public void write(int b) throws IOException {
            data.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            data.write(b, off, len);
        }

        /** Pads the data to a whole tar record, closes the staging file and returns the data's size. */
        private long finish() throws IOException {
            if (size < 0) {
                long written = data.count();
                data.write(TarHeader.padding(written));
                data.close();
                size = written;
            }
            return size;
        }

        /** Ends the data; the staging file stays until {@link #addEntry} (or its folder's clean-up). */
        @Override
        public void close() throws IOException {
            finish();
        }
    }

    private void writeIntLE(int v) throws IOException {
        out.write(v);
        out.write(v >>> 8);
        out.write(v >>> 16);
        out.write(v >>> 24);
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
            // The end of the archive, two zero records, ends the deflate stream; then the gzip trailer.
            append(DeflateSegment.of(new byte[2 * TarHeader.RECORD], true));
            writeIntLE((int) crc);
            writeIntLE((int) length); // ISIZE: the length modulo 2^32
            out.close();
        } catch (IOException e) {
            throw breaks(e);
        } finally {
            pool.shutdown();
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
        pool.shutdownNow();
        try {
            out.close();
        } catch (IOException ignored) {
            // Already failing (often a full disk); the partial file goes away below either way.
        }
        if (partial != null) {
            Files.deleteIfExists(partial);
        }
    }
}

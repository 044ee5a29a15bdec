package io.reqldb.tools.archive;

import io.reqldb.tools.conn.Errors;
import io.reqldb.tools.format.FormatException;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * Streams the used members of a dump archive, like the official restore's {@code r|*}: gzip,
 * bzip2, xz or plain tar, detected from the first bytes. Only one member is open at a time.
 */
public final class ArchiveReader implements Closeable {
    /** Folder (under the top folder) of ReqlDB's extra files, which official tools ignore. */
    public static final String CONFIG_FOLDER = ".reqldb";

    private final TarArchiveInputStream tar;
    private final String source;
    private final Map<String, byte[]> configFiles = new TreeMap<>();
    private String top;

    /** One used member; its stream is valid until the next call to {@link #next()}. */
    public record Member(MemberPath path, long size, InputStream content) {}

    /**
     * What Python's tarfile (the official tools) reads besides plain tar. Other signatures are
     * refused: their decompressors trust sizes in the header (a .Z header can ask for tables
     * larger than the heap).
     */
    private static final Set<String> READABLE_COMPRESSIONS =
            Set.of(CompressorStreamFactory.GZIP, CompressorStreamFactory.BZIP2, CompressorStreamFactory.XZ);
    /** An xz stream that needs more memory than this to decode is refused, not decoded. */
    private static final int XZ_MEMORY_LIMIT_KB = 256 * 1024;

    private ArchiveReader(InputStream raw, String source) throws IOException {
        this.source = source;
        InputStream buffered = new BufferedInputStream(raw, 1 << 16);
        try {
            this.tar = new TarArchiveInputStream(decompress(buffered));
        } catch (IOException e) {
            raw.close();
            throw e;
        }
    }

    /** Opens an archive file. */
    public static ArchiveReader open(Path file) throws IOException {
        return new ArchiveReader(Files.newInputStream(file), file.toString());
    }

    /** Reads an archive from a stream (for example standard input). */
    public static ArchiveReader open(InputStream in, String source) throws IOException {
        return new ArchiveReader(in, source);
    }

    private InputStream decompress(InputStream in) throws IOException {
        String kind;
        try {
            kind = CompressorStreamFactory.detect(in);
        } catch (CompressorException e) {
            return in; // no known compression signature: a plain tar
        }
        if (!READABLE_COMPRESSIONS.contains(kind)) {
            throw corrupt(new IOException("compressed as " + kind + ", not gzip, bzip2 or xz"));
        }
        try {
            return new CompressorStreamFactory(true, XZ_MEMORY_LIMIT_KB).createCompressorInputStream(kind, in);
        } catch (CompressorException | RuntimeException e) {
            throw corrupt(new IOException(e.getMessage(), e));
        }
    }

    /**
     * The next json, csv or info member, or null at the end.
     *
     * @throws FormatException for a bad layout or a truncated or corrupt archive
     */
    public Member next() throws IOException {
        while (true) {
            TarArchiveEntry entry;
            try {
                entry = tar.getNextEntry();
            } catch (IOException e) {
                throw corrupt(e);
            }
            if (entry == null) {
                return null;
            }
            if (!entry.isFile()) {
                continue;
            }
            if (isConfigFile(entry.getName())) {
                configFiles.put(entry.getName().substring(entry.getName().lastIndexOf('/') + 1), readConfig());
                continue;
            }
            MemberPath path = MemberPath.parse(entry.getName());
            if (path == null) {
                continue;
            }
            if (top == null) {
                top = path.top();
            } else if (!top.equals(path.top())) {
                throw new FormatException("Error: Archive file has an unexpected directory structure ("
                        + top + " vs " + path.top() + ")");
            }
            return new Member(path, entry.getSize(), new CorruptionReportingStream(tar, this));
        }
    }

    /** {@code --include-config} files seen so far, by file name; small, so kept in memory. */
    public Map<String, byte[]> configFiles() {
        return configFiles;
    }

    private static boolean isConfigFile(String name) {
        String[] parts = name.split("/");
        return parts.length == 3 && parts[1].equals(CONFIG_FOLDER);
    }

    private byte[] readConfig() throws IOException {
        try {
            return tar.readAllBytes();
        } catch (IOException e) {
            throw corrupt(e);
        }
    }

    /** The common top folder seen so far, or null before the first member. */
    public String top() {
        return top;
    }

    FormatException corrupt(IOException cause) {
        return new FormatException("Error: archive " + source + " is truncated or corrupt ("
                + Errors.ioReason(cause) + ")");
    }

    @Override
    public void close() throws IOException {
        tar.close();
    }
}

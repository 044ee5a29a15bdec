package io.reqldb.storage.rocksdb;

import io.reqldb.storage.StorageException;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.zip.CRC32;

/**
 * The data directory's self-description, in {@value #FILE_NAME}: key:value lines and a CRC32
 * of them, so a reader can tell a damaged file from a newer format.
 * <pre>
 *   format_version:2                    layout of keys and records (see {@link Formats}, {@link Keys}, {@link DocumentCodec})
 *   reqldb_version:0.1.0-SNAPSHOT       the release that last wrote the directory
 *   server_id:5c1f...                   random, fixed for the directory's life
 *   created_at:2026-11-25T21:00:00Z     ISO-8601 UTC
 *   checksum:1a2b3c4d                   CRC32 of the lines above, hex
 * </pre>
 * Written to a temporary file, synced, then renamed over the old one, so a crash leaves either
 * the old or the new file.
 *
 * @param formatVersion data-directory format number
 * @param reqldbVersion the ReqlDB release that last wrote the directory
 * @param serverId      this server's id
 * @param createdAt     when the directory was created
 */
public record Metadata(int formatVersion, String reqldbVersion, UUID serverId, Instant createdAt) {
    public static final String FILE_NAME = "metadata.txt";

    /** The format this release writes. */
    public static final int CURRENT_FORMAT = Formats.CURRENT;
    /** The oldest format this release migrates. */
    public static final int OLDEST_MIGRATABLE_FORMAT = Formats.OLDEST_MIGRATABLE;

    /** This release, from the jar manifest when packaged. */
    public static final String RELEASE = releaseVersion();

    /** Metadata for a directory created now by this release. */
    public static Metadata fresh() {
        return new Metadata(CURRENT_FORMAT, RELEASE, UUID.randomUUID(), Instant.now());
    }

    /** Reads the file, or returns null when the directory has none. */
    public static Metadata read(Path dataDir) {
        Path file = dataDir.resolve(FILE_NAME);
        if (!Files.exists(file)) {
            return null;
        }
        try {
            Map<String, String> fields = new LinkedHashMap<>();
            StringBuilder body = new StringBuilder();
            String checksum = null;
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int colon = line.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String key = line.substring(0, colon);
                if (key.equals("checksum")) {
                    checksum = line.substring(colon + 1);
                } else {
                    fields.put(key, line.substring(colon + 1));
                    body.append(line).append('\n');
                }
            }
            if (checksum == null || !checksum.equals(crc(body.toString()))) {
                throw new StorageException(StorageException.Code.IO, file + " is damaged (checksum mismatch)");
            }
            return new Metadata(Integer.parseInt(fields.get("format_version")), fields.get("reqldb_version"),
                    UUID.fromString(fields.get("server_id")), Instant.parse(fields.get("created_at")));
        } catch (IOException | RuntimeException e) {
            if (e instanceof StorageException se) {
                throw se;
            }
            throw new StorageException(StorageException.Code.IO, "cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Replaces the file atomically. */
    public void write(Path dataDir) {
        String body = "format_version:" + formatVersion + "\n"
                + "reqldb_version:" + reqldbVersion + "\n"
                + "server_id:" + serverId + "\n"
                + "created_at:" + createdAt + "\n";
        byte[] bytes = (body + "checksum:" + crc(body) + "\n").getBytes(StandardCharsets.UTF_8);
        Path tmp = dataDir.resolve(FILE_NAME + ".tmp");
        try {
            try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ch.write(java.nio.ByteBuffer.wrap(bytes));
                ch.force(true);
            }
            Files.move(tmp, dataDir.resolve(FILE_NAME), StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new StorageException(StorageException.Code.IO, "cannot write " + tmp + ": " + e.getMessage(), e);
        }
    }

    /** The same record, as written by this release in {@code format}. */
    Metadata writtenNow(int format) {
        return new Metadata(format, RELEASE, serverId, createdAt);
    }

    private static String crc(String body) {
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return String.format("%08x", crc.getValue());
    }

    private static String releaseVersion() {
        String v = Metadata.class.getPackage().getImplementationVersion();
        return v != null ? v : "0.1.0-SNAPSHOT";
    }
}

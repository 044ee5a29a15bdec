package io.reqldb.storage.rocksdb;

import io.reqldb.storage.StorageException;
import io.reqldb.storage.StorageException.Code;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * What starting on a data directory will do, decided by reading it and changing nothing; shared
 * by {@code reqldb serve} (which then acts on it) and {@code reqldb migrate --check} (which only
 * prints {@link #message}).
 * <pre>
 *   CREATE          no data yet: a new directory in the current format
 *   OPEN            the current format
 *   MIGRATE         an older format this release migrates: checkpoint, then each step in order
 *   REFUSE_OLD      older than this release migrates
 *   REFUSE_NEW      newer than this release (no downgrade)
 *   REFUSE_RETHINKDB  RethinkDB's own files
 * </pre>
 *
 * @param kind      the decision
 * @param directory the data directory
 * @param metadata  its record, null for CREATE and REFUSE_RETHINKDB
 * @param message   what to tell the user, exact (tests compare it)
 */
public record StartupDecision(Kind kind, Path directory, Metadata metadata, String message) {
    /** The decisions. */
    public enum Kind { CREATE, OPEN, MIGRATE, REFUSE_OLD, REFUSE_NEW, REFUSE_RETHINKDB }

    /** The first bytes of every RethinkDB serializer file (its static header's software name). */
    private static final byte[] RETHINKDB_HEADER = "RethinkDB\0".getBytes(StandardCharsets.US_ASCII);

    /** Reads the directory without changing it. */
    public static StartupDecision inspect(Path dir) {
        Path rethink = rethinkDbFiles(dir);
        if (rethink != null) {
            return new StartupDecision(Kind.REFUSE_RETHINKDB, dir, null, String.format(
                    "%s is a RethinkDB data directory (its file %s starts with RethinkDB's header), not a ReqlDB one."
                            + " ReqlDB serves only its own format. To bring the data over, no RethinkDB needed:"
                            + " `reqldb migrate --from-rethinkdb %s --directory NEW_DIR`, then"
                            + " `reqldb serve --directory NEW_DIR` (or archive it with"
                            + " `reqldb dump --data-dir %s`). Nothing was changed.",
                    dir, dir.relativize(rethink), rethink.getParent(), rethink.getParent()));
        }
        Metadata meta = Metadata.read(dir);
        if (meta == null) {
            if (Files.exists(dir.resolve("rocksdb"))) {
                throw new StorageException(Code.IO, dir + " holds data but no " + Metadata.FILE_NAME);
            }
            return new StartupDecision(Kind.CREATE, dir, null, String.format(
                    "%s holds no data yet: ReqlDB %s will create it in data format %d.",
                    dir, Metadata.RELEASE, Formats.CURRENT));
        }
        int f = meta.formatVersion();
        if (f == Formats.CURRENT) {
            return new StartupDecision(Kind.OPEN, dir, meta, String.format(
                    "%s is in data format %d, the format of ReqlDB %s: nothing to migrate.",
                    dir, f, Metadata.RELEASE));
        }
        if (f > Formats.CURRENT) {
            return new StartupDecision(Kind.REFUSE_NEW, dir, meta, String.format(
                    "%s is in data format %d, last written by ReqlDB %s; this release (ReqlDB %s) reads data"
                            + " formats up to %d. Downgrading a data directory is not supported: run ReqlDB %s or"
                            + " later on it, or start this release on a new directory and `reqldb restore` into it"
                            + " a dump made before the upgrade. Nothing was changed.",
                    dir, f, meta.reqldbVersion(), Metadata.RELEASE, Formats.CURRENT, meta.reqldbVersion()));
        }
        if (f < Formats.OLDEST_MIGRATABLE) {
            String release = Formats.LAST_RELEASE_MIGRATING.getOrDefault(f, meta.reqldbVersion());
            return new StartupDecision(Kind.REFUSE_OLD, dir, meta, String.format(
                    "%s is in data format %d, last written by ReqlDB %s; this release (ReqlDB %s) migrates data"
                            + " formats %d to %d only. Migrate it with ReqlDB %s first (`reqldb migrate --directory"
                            + " %s`), then start this release on it; or, with ReqlDB %s, `reqldb dump` it and"
                            + " `reqldb restore` the dump into this release. Nothing was changed.",
                    dir, f, meta.reqldbVersion(), Metadata.RELEASE, Formats.OLDEST_MIGRATABLE, Formats.CURRENT,
                    release, dir, release));
        }
        StringBuilder steps = new StringBuilder();
        int n = 1;
        for (MigrationStep step : MigrationStep.from(f)) {
            steps.append(String.format("%n  %d. %s", n++, step.description()));
        }
        return new StartupDecision(Kind.MIGRATE, dir, meta, String.format(
                "%s is in data format %d, last written by ReqlDB %s; ReqlDB %s migrates it to format %d on start"
                        + " (or with `reqldb migrate --directory %s`). It first saves a checkpoint of the directory"
                        + " in %s, then runs:%s",
                dir, f, meta.reqldbVersion(), Metadata.RELEASE, Formats.CURRENT, dir,
                dir.resolve("pre-migration-v" + f + "-<time>"), steps));
    }

    /** True for the refusals. */
    public boolean refused() {
        return kind == Kind.REFUSE_OLD || kind == Kind.REFUSE_NEW || kind == Kind.REFUSE_RETHINKDB;
    }

    /** The exception {@code serve} fails with on a refusal. */
    public StorageException refusal() {
        return new StorageException(Code.UNSUPPORTED_FORMAT, message);
    }

    /** RethinkDB's serializer file in the directory or in its {@code rethinkdb_data}, or null. */
    private static Path rethinkDbFiles(Path dir) {
        for (Path candidate : List.of(dir.resolve("metadata"), dir.resolve("rethinkdb_data").resolve("metadata"))) {
            if (Files.isRegularFile(candidate) && startsWithRethinkDbHeader(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static boolean startsWithRethinkDbHeader(Path file) {
        try (InputStream in = Files.newInputStream(file)) {
            byte[] head = in.readNBytes(RETHINKDB_HEADER.length);
            return Arrays.equals(head, RETHINKDB_HEADER);
        } catch (IOException e) {
            return false;
        }
    }
}

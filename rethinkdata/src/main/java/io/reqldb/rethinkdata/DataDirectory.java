package io.reqldb.rethinkdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A {@code rethinkdb_data} folder, opened for reading only: its {@code metadata} file and one
 * file per table, named by the table's id. Nothing in the folder is written or locked.
 */
public final class DataDirectory {
    private final Path path;
    private final ClusterMetadata metadata;
    private final Map<UUID, TableConfig> tables;
    /** Tables whose files failed while their index definitions were read (before 2.1), with why. */
    private final Map<UUID, RethinkDataException> unreadable = new HashMap<>();

    private DataDirectory(Path path, ClusterMetadata metadata) {
        this.path = path;
        this.metadata = metadata;
        this.tables = new LinkedHashMap<>(metadata.tables());
        if (metadata.indexesInTableFiles()) {
            for (TableConfig t : metadata.tables().values()) {
                try (TableFile file = open(t)) {
                    tables.put(t.id(), t.withIndexes(file.indexesInFile()));
                } catch (RethinkDataException e) {
                    unreadable.put(t.id(), e);
                }
            }
        }
    }

    /**
     * Opens {@code path}. Refuses a folder that a running RethinkDB holds unless {@code force}:
     * its files change under the reader while it runs. RethinkDB takes an exclusive {@code flock}
     * on the folder ({@code directory_lock_t}) and another on the {@code metadata} file (its
     * serializer's {@code coop_lock_and_check}); either one, seen in {@code /proc/locks}, counts.
     */
    public static DataDirectory open(Path path, boolean force) {
        if (!Files.isDirectory(path)) {
            throw new RethinkDataException(path + " is not a directory");
        }
        if (!Files.isRegularFile(path.resolve("metadata"))) {
            throw new RethinkDataException(path + " is not a RethinkDB data directory (it has no `metadata` file)");
        }
        if (!force && (FolderLock.isHeld(path) || FolderLock.isHeld(path.resolve("metadata")))) {
            throw new RethinkDataException(path + " is in use by a running RethinkDB (it holds the folder's lock)."
                    + " Dump it through the server with `reqldb dump -c HOST:PORT`, or stop RethinkDB first"
                    + " (--force reads it anyway, at the risk of reading half-written data)");
        }
        return new DataDirectory(path, ClusterMetadata.read(path.resolve("metadata")));
    }

    public Path path() {
        return path;
    }

    public ClusterMetadata metadata() {
        return metadata;
    }

    /** The name of the table's database, or the id when the database is gone. */
    public String databaseName(TableConfig table) {
        DatabaseInfo db = metadata.databases().get(table.database());
        return db == null ? table.database().toString() : db.name();
    }

    /** The tables, ordered by database name then table name. */
    public List<TableConfig> tables() {
        return tables.values().stream()
                .sorted((a, b) -> {
                    int c = databaseName(a).compareTo(databaseName(b));
                    return c != 0 ? c : a.name().compareTo(b.name());
                })
                .toList();
    }

    /** The table's file. */
    public Path tableFile(UUID id) {
        return path.resolve(id.toString());
    }

    /** Opens the table's file. */
    public TableFile openTable(TableConfig table) {
        RethinkDataException failed = unreadable.get(table.id());
        if (failed != null) {
            throw failed;
        }
        return open(table);
    }

    private TableFile open(TableConfig table) {
        Path file = tableFile(table.id());
        if (!Files.isRegularFile(file)) {
            throw new RethinkDataException(file + ": the file of table " + databaseName(table) + "." + table.name()
                    + " is missing");
        }
        return TableFile.open(file, "table " + databaseName(table) + "." + table.name());
    }

    /** True when {@code path} looks like a RethinkDB data directory: a {@code metadata} file with RethinkDB's header. */
    public static boolean looksLikeOne(Path path) {
        Path metadata = path.resolve("metadata");
        if (!Files.isRegularFile(metadata)) {
            return false;
        }
        try (java.io.InputStream in = Files.newInputStream(metadata)) {
            return new String(in.readNBytes(9), java.nio.charset.StandardCharsets.US_ASCII).equals("RethinkDB");
        } catch (IOException e) {
            return false;
        }
    }
}

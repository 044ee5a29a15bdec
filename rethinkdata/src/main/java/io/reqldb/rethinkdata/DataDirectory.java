package io.reqldb.rethinkdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
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

    /**
     * What identifies the data read from this folder, for a resumed conversion to check that it
     * reads the same: each file read (metadata, then each table's, named by the table's id, so
     * another install's folder differs) with the version of the metablock it is read from, which
     * RethinkDB raises with every write, so the same folder after RethinkDB ran on it again
     * differs too. A copy or a move of the folder does not.
     */
    public String fingerprint() {
        StringBuilder b = new StringBuilder("metadata@" + version(path.resolve("metadata")));
        tables.keySet().stream().sorted().forEach(id -> b.append(' ').append(id).append('@').append(version(tableFile(id))));
        return b.toString();
    }

    /**
     * What differs between two {@link #fingerprint}s, for a message: each file whose version
     * differs, is only in one, or only in the other (at most four, then how many more).
     */
    public static String fingerprintDifferences(String earlier, String now) {
        Map<String, String> before = versions(earlier);
        Map<String, String> after = versions(now);
        List<String> differ = new ArrayList<>();
        for (String file : new TreeSet<>(union(before.keySet(), after.keySet()))) {
            String a = before.get(file);
            String b = after.get(file);
            if (a == null) {
                differ.add("file " + file + " was not in it");
            } else if (b == null) {
                differ.add("its file " + file + " is not in this one");
            } else if (!a.equals(b)) {
                differ.add("file " + file + " was at metablock version " + a + ", is at " + b);
            }
        }
        String shown = String.join("; ", differ.subList(0, Math.min(4, differ.size())));
        return differ.size() > 4 ? shown + "; and " + (differ.size() - 4) + " more" : shown;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new HashSet<>(a);
        all.addAll(b);
        return all;
    }

    private static Map<String, String> versions(String fingerprint) {
        Map<String, String> files = new LinkedHashMap<>();
        for (String part : fingerprint.split(" ")) {
            int at = part.lastIndexOf('@');
            files.put(at < 0 ? part : part.substring(0, at), at < 0 ? "" : part.substring(at + 1));
        }
        return files;
    }

    /** A file's metablock version; a missing or damaged file has none (its table fails when read). */
    private static String version(Path file) {
        if (!Files.isRegularFile(file)) {
            return "missing";
        }
        try {
            return Long.toString(SerializerFile.chosenMetablock(file).version());
        } catch (RethinkDataException e) {
            return "unreadable";
        }
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

package io.reqldb.storage.rocksdb;

import java.util.Map;

/**
 * The history of the data-directory format, in one place. A format number names the layout of
 * every key and record; each step from one format to the next is a {@link MigrationStep}.
 * <pre>
 *   1  first ReqlDB 0.1.0 builds   tagged binary documents; index entries key(value) key(pk)
 *   2  ReqlDB 0.1.0                compact documents (one-byte small integers and short strings);
 *                                  index keys of times keep their time zone (index-key version 2)
 * </pre>
 * Index definitions carry their own key version ({@link io.reqldb.storage.IndexDefinition#formatVersion}):
 * an index built under an older one keeps its old keys, is maintained by the old rule and is
 * reported outdated until rebuilt, so a migration never has to rebuild indexes at start-up.
 */
final class Formats {
    /** The format this release writes. */
    static final int CURRENT = 2;
    /** The oldest format this release migrates. */
    static final int OLDEST_MIGRATABLE = 1;

    /**
     * For each format this release no longer migrates, the last release that does; a refusal
     * names it. Without an entry the refusal names the release that last wrote the directory.
     * When {@link #OLDEST_MIGRATABLE} rises past a format, add that format here.
     */
    static final Map<Integer, String> LAST_RELEASE_MIGRATING = Map.of();

    private Formats() {
    }
}

package io.reqldb.storage;

/**
 * A secondary index as stored: the serialized function (opaque to storage: the query layer writes
 * and reads it), whether it is multi or geo, and the version of the rules its keys were computed
 * under (function language and index-key encoding). An index built under an older version than
 * {@link #CURRENT_FORMAT_VERSION} is "outdated": it keeps working under its old rules until it is
 * rebuilt; an index created now always gets the current version.
 *
 * @param name          the index name
 * @param function      the query layer's serialized function
 * @param multi         one entry per element of an array result
 * @param geo           a geospatial index
 * @param formatVersion the key-rules version the index was built with
 */
public record IndexDefinition(String name, byte[] function, boolean multi, boolean geo, int formatVersion) {
    /** The version of the index-key rules of this release (2: index keys of times keep their zone). */
    public static final int CURRENT_FORMAT_VERSION = 2;

    /** Built under older rules than this release's. */
    public boolean outdated() {
        return formatVersion < CURRENT_FORMAT_VERSION;
    }
}

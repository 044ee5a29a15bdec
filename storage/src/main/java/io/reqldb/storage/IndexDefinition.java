package io.reqldb.storage;

/**
 * A secondary index as stored: the serialized function (opaque to storage: the query layer writes
 * and reads it), whether it is multi or geo, and the function-language version it was built under
 * (an index built under an older version is "outdated").
 *
 * @param name          the index name
 * @param function      the query layer's serialized function
 * @param multi         one entry per element of an array result
 * @param geo           a geospatial index
 * @param formatVersion the function-format version the index was built with
 */
public record IndexDefinition(String name, byte[] function, boolean multi, boolean geo, int formatVersion) {
}

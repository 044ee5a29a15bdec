package io.reqldb.datum;

/**
 * RethinkDB's datum types in their sort order across types: arrays, booleans, null, numbers,
 * objects, binary, geometry, times, strings (the order of their names, which is how RethinkDB
 * defines it). {@code MINVAL} and {@code MAXVAL} bound ranges and never appear in documents.
 */
public enum DatumType {
    MINVAL("MINVAL"),
    ARRAY("ARRAY"),
    BOOL("BOOL"),
    NULL("NULL"),
    NUMBER("NUMBER"),
    OBJECT("OBJECT"),
    BINARY("PTYPE<BINARY>"),
    GEOMETRY("PTYPE<GEOMETRY>"),
    TIME("PTYPE<TIME>"),
    STRING("STRING"),
    MAXVAL("MAXVAL");

    private final String displayName;

    DatumType(String displayName) {
        this.displayName = displayName;
    }

    /** The name used by {@code type_of} and error messages. */
    public String displayName() {
        return displayName;
    }
}

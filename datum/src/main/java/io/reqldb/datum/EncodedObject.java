package io.reqldb.datum;

/**
 * An object in the binary form a store keeps it in, not decoded yet ({@link ObjectDatum#encoded}).
 * Most documents a query reads are only handed back to the client (gets, scans, dumps): those
 * are written as JSON straight from their stored bytes, without building a map of values only to
 * walk it once.
 */
public interface EncodedObject {
    /** The object decoded, built in memory (not itself encoded). */
    ObjectDatum decode();

    /**
     * Appends the object's JSON text, byte for byte what {@link DatumJson} writes for the decoded
     * object; returns false, having appended nothing, for a stored form that cannot be written
     * directly (then the decoded object is written).
     */
    boolean appendJson(ByteBuilder out);

    /**
     * The value of one field, decoded alone without building the others, or Java null when the
     * object has no such field.
     */
    Datum field(String key);

    /** The stored form's size in bytes: the object's estimated JSON size, for sizing batches. */
    int size();

    /**
     * About the heap the decoded object takes ({@link HeapSize}), found without decoding it: its
     * maps, keys and values, not including this stored form.
     */
    long decodedHeapSize();
}

package io.reqldb.datum;

import java.util.Arrays;

/** Raw bytes, RethinkDB's BINARY pseudo-type. The array is never modified after construction. */
public final class BinaryDatum implements Datum {
    private final byte[] bytes;

    private BinaryDatum(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Takes ownership of the array: the caller must not change it afterwards. */
    public static BinaryDatum wrap(byte[] bytes) {
        return new BinaryDatum(bytes);
    }

    /** The bytes themselves; callers must not modify them. */
    public byte[] bytes() {
        return bytes;
    }

    public int length() {
        return bytes.length;
    }

    @Override
    public DatumType type() {
        return DatumType.BINARY;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BinaryDatum b && Arrays.equals(b.bytes, bytes);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(bytes);
    }

    @Override
    public String toString() {
        return DatumJson.write(this);
    }
}

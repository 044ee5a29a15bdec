package io.reqldb.datum;

/** The null value; a singleton. */
public final class NullDatum implements Datum {
    public static final NullDatum INSTANCE = new NullDatum();

    private NullDatum() {
    }

    @Override
    public DatumType type() {
        return DatumType.NULL;
    }

    @Override
    public String toString() {
        return "null";
    }
}

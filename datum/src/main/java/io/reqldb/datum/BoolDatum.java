package io.reqldb.datum;

/** true or false; two shared instances. */
public final class BoolDatum implements Datum {
    public static final BoolDatum TRUE = new BoolDatum(true);
    public static final BoolDatum FALSE = new BoolDatum(false);

    private final boolean value;

    private BoolDatum(boolean value) {
        this.value = value;
    }

    public static BoolDatum of(boolean value) {
        return value ? TRUE : FALSE;
    }

    public boolean value() {
        return value;
    }

    @Override
    public DatumType type() {
        return DatumType.BOOL;
    }

    @Override
    public String toString() {
        return Boolean.toString(value);
    }
}

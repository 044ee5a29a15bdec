package io.reqldb.datum;

/**
 * {@code r.minval} and {@code r.maxval}: bounds that sort below and above every value. They are
 * legal only as range bounds and never stored or sent to clients.
 */
public final class ExtremeDatum implements Datum {
    public static final ExtremeDatum MIN = new ExtremeDatum(DatumType.MINVAL);
    public static final ExtremeDatum MAX = new ExtremeDatum(DatumType.MAXVAL);

    private final DatumType type;

    private ExtremeDatum(DatumType type) {
        this.type = type;
    }

    @Override
    public DatumType type() {
        return type;
    }

    @Override
    public String toString() {
        return type == DatumType.MINVAL ? "r.minval" : "r.maxval";
    }
}

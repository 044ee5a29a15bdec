package io.reqldb.datum;

/**
 * An IEEE double, as in RethinkDB: integers are exact up to 2^53. NaN and infinities cannot be
 * built by queries (the terms that could produce them raise errors), so they never reach here
 * from user input.
 */
public final class NumberDatum implements Datum {
    private static final NumberDatum[] SMALL = new NumberDatum[1024 + 128];

    static {
        for (int i = 0; i < SMALL.length; i++) {
            SMALL[i] = new NumberDatum(i - 128);
        }
    }

    private final double value;

    private NumberDatum(double value) {
        this.value = value;
    }

    public static NumberDatum of(double value) {
        if (value >= -128 && value < 1024 && value == Math.rint(value) && !(value == 0 && 1 / value < 0)) {
            return SMALL[(int) value + 128];
        }
        return new NumberDatum(value);
    }

    public double value() {
        return value;
    }

    @Override
    public DatumType type() {
        return DatumType.NUMBER;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof NumberDatum n && n.value == value;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(value == 0 ? 0.0 : value);
    }

    @Override
    public String toString() {
        return DatumJson.formatNumber(value);
    }
}

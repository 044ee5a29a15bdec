package io.reqldb.datum;

/**
 * A point in time with a time zone offset, RethinkDB's TIME pseudo-type. {@code epochSeconds} has
 * millisecond precision as in RethinkDB; {@code timezone} is "+HH:MM" or "-HH:MM" (RethinkDB
 * keeps offsets only). Two times are equal when their instants are, whatever their zones.
 */
public record TimeDatum(double epochSeconds, String timezone) implements Datum {
    public static final String UTC = "+00:00";

    @Override
    public DatumType type() {
        return DatumType.TIME;
    }

    /** The offset from UTC in seconds. */
    public int offsetSeconds() {
        int sign = timezone.charAt(0) == '-' ? -1 : 1;
        int hours = Integer.parseInt(timezone.substring(1, 3));
        int minutes = Integer.parseInt(timezone.substring(4, 6));
        return sign * (hours * 3600 + minutes * 60);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TimeDatum t && t.epochSeconds == epochSeconds;
    }

    @Override
    public int hashCode() {
        return Double.hashCode(epochSeconds);
    }

    @Override
    public String toString() {
        return DatumJson.write(this);
    }
}

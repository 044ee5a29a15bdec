package io.reqldb.datum;

/**
 * A ReQL value. Values are immutable; every implementation is one of RethinkDB's datum types
 * (null, bool, number, string, array, object) or a pseudo-type that RethinkDB represents as an
 * object carrying {@code $reql_type$} on the wire (TIME and BINARY have their own classes here,
 * GEOMETRY stays an {@link ObjectDatum} because geo terms work on its GeoJSON fields directly).
 *
 * <p>Equality ({@link #equals}) and ordering ({@link DatumOrder}) follow RethinkDB: numbers are
 * compared by value, objects by their sorted key/value pairs, times by their instant only.
 */
public sealed interface Datum permits NullDatum, BoolDatum, NumberDatum, StringDatum, ArrayDatum,
        ObjectDatum, TimeDatum, BinaryDatum, ExtremeDatum {

    /** The name {@code type_of} reports: "NULL", "BOOL", "NUMBER", "STRING", "ARRAY", "OBJECT", "PTYPE<TIME>"... */
    DatumType type();

    /** The type name as RethinkDB writes it in error messages ({@code "Expected type STRING but found NUMBER."}). */
    default String typeName() {
        return type().displayName();
    }

    static Datum of(boolean b) {
        return BoolDatum.of(b);
    }

    static Datum of(double d) {
        return NumberDatum.of(d);
    }

    static Datum of(String s) {
        return new StringDatum(s);
    }
}

package io.reqldb.server.wire;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;

/**
 * Turns a frame's JSON into a {@link Query}, checking the top-level shape the way RethinkDB does
 * and with its messages; the term tree itself is the query layer's to check.
 */
public final class QueryParser {
    /** RethinkDB's text for a payload that is not JSON at all. */
    public static final String UNPARSEABLE = "Client is buggy (failed to deserialize query).";

    private static final String PREFIX = "Server could not parse query: ";

    private QueryParser() {
    }

    /** @throws MalformedQueryException with the text the client should see */
    public static Query parse(QueryFrame frame) {
        Datum json;
        try {
            json = DatumJson.parse(frame.payload());
        } catch (RuntimeException e) {
            // Jackson reports both bad syntax and limits it enforces; neither is a query.
            throw new MalformedQueryException(UNPARSEABLE);
        }
        if (!(json instanceof ArrayDatum array)) {
            throw malformed("Expected a query to be an array, but found " + typeName(json) + ".");
        }
        if (array.size() == 0 || array.size() > 3) {
            throw malformed("Expected 1 to 3 elements in the top-level query, but found "
                    + array.size() + ".");
        }
        if (!(array.get(0) instanceof NumberDatum typeNumber)) {
            throw malformed("Expected a query type as a number, but found "
                    + typeName(array.get(0)) + ".");
        }
        QueryType type = QueryType.fromCode((int) typeNumber.value());
        if (type == null) {
            throw malformed("Unrecognized QueryType: " + (int) typeNumber.value() + ".");
        }
        ObjectDatum optargs = ObjectDatum.EMPTY;
        if (array.size() == 3) {
            if (!(array.get(2) instanceof ObjectDatum o)) {
                throw malformed("Expected global optargs as an object, but found "
                        + typeName(array.get(2)) + ".");
            }
            optargs = o;
        }
        Datum term = array.size() >= 2 ? array.get(1) : null;
        return new Query(frame.token(), type, term, optargs);
    }

    private static MalformedQueryException malformed(String detail) {
        return new MalformedQueryException(PREFIX + detail);
    }

    /** The JSON kind as RethinkDB names it here; pseudo-type objects are still JSON objects. */
    private static String typeName(Datum d) {
        return switch (d.type()) {
            case NULL -> "NULL";
            case BOOL -> "BOOL";
            case NUMBER -> "NUMBER";
            case STRING -> "STRING";
            case ARRAY -> "ARRAY";
            default -> "OBJECT";
        };
    }
}

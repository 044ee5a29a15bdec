package io.reqldb.query;

import io.reqldb.datum.Datum;

/** What a query produced: one value, or a stream of values to be sent in batches. */
public sealed interface QueryResult {

    /** A single value (SUCCESS_ATOM). */
    record Atom(Datum value) implements QueryResult {
    }

    /** A sequence or feed (SUCCESS_PARTIAL ... SUCCESS_SEQUENCE). */
    record Stream(ResultStream stream) implements QueryResult {
    }
}

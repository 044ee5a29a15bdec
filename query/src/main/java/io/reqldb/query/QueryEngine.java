package io.reqldb.query;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.limits.QueryControl;

/**
 * Runs ReQL queries. The network layer hands it the term tree of a START query, already parsed
 * from JSON into a {@link Datum} (arrays for terms, objects for MAKE_OBJ literals), together with
 * the query's global optargs. Thread-safe; calls may block on storage, so the network layer
 * calls it from worker threads.
 */
public interface QueryEngine {

    /**
     * Evaluates a query.
     *
     * @param term           the query's term tree as it came on the wire
     * @param globalOptargs  the third element of the query frame (terms, not yet evaluated)
     * @param session        who is asking, on which connection
     * @return an atom, or a stream that the caller reads in batches and must close
     * @throws io.reqldb.query.error.ReqlError with RethinkDB's type, message and backtrace
     */
    QueryResult start(Datum term, ObjectDatum globalOptargs, Session session);

    /**
     * Evaluates a query under {@code control}: cancelling it stops the evaluation and any later
     * batch read, and its memory budget bounds what the query materialises. The caller closes
     * the control once the query is over. Engines that cannot be stopped ignore it.
     *
     * @throws io.reqldb.query.limits.QueryCancelledException when cancelled while evaluating
     */
    default QueryResult start(Datum term, ObjectDatum globalOptargs, Session session, QueryControl control) {
        return start(term, globalOptargs, session);
    }

    /**
     * Whether a query is quick enough to run on the thread that received it: bounded small work,
     * no waiting (see {@link QuickQueries}). Engines that cannot tell say no.
     */
    default boolean isQuick(Datum term, ObjectDatum globalOptargs) {
        return false;
    }
}

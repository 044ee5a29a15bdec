package io.reqldb.query;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.storage.Store;

/**
 * Runs queries given in their wire JSON form against an engine, for tests of term behaviour
 * that need no network: {@code run("[24,[1,2]]")} returns {@code "3"}.
 */
public final class EngineHarness {
    private final RqlQueryEngine engine;

    /** An engine over a store; pure terms work with a null store. */
    public EngineHarness(Store store) {
        this.engine = new RqlQueryEngine(store, new StoreCatalog(store));
    }

    /** An engine whose {@code r.http} has these settings. */
    public EngineHarness(Store store, io.reqldb.query.terms.http.HttpAccess httpAccess) {
        this.engine = new RqlQueryEngine(store, new StoreCatalog(store), httpAccess);
    }

    /** The result as JSON: an atom as itself, a stream read fully into an array. */
    public String run(String queryJson) {
        return DatumJson.write(value(queryJson));
    }

    /** Runs with global optargs given as JSON ({@code {"array_limit":5}}). */
    public String run(String queryJson, String globalOptargsJson) {
        return DatumJson.write(value(queryJson, (ObjectDatum) DatumJson.parse(globalOptargsJson)));
    }

    public Datum value(String queryJson) {
        return value(queryJson, ObjectDatum.EMPTY);
    }

    /** Runs under this control (a small memory budget, say); the control is closed afterwards. */
    public String run(String queryJson, QueryControl control) {
        try {
            return DatumJson.write(value(queryJson, ObjectDatum.EMPTY, control));
        } finally {
            control.close();
        }
    }

    private Datum value(String queryJson, ObjectDatum globalOptargs) {
        return value(queryJson, globalOptargs, QueryControl.standalone());
    }

    private Datum value(String queryJson, ObjectDatum globalOptargs, QueryControl control) {
        QueryResult result = engine.start(DatumJson.parse(queryJson), globalOptargs, new Session("admin", 1), control);
        if (result instanceof QueryResult.Atom atom) {
            return atom.value();
        }
        try (ResultStream stream = ((QueryResult.Stream) result).stream()) {
            java.util.List<Datum> all = new java.util.ArrayList<>();
            while (!stream.isExhausted()) {
                all.addAll(stream.nextBatch(1000, Long.MAX_VALUE));
            }
            return io.reqldb.datum.ArrayDatum.wrap(all);
        }
    }
}

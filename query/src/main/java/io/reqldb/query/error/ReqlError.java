package io.reqldb.query.error;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.StringDatum;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * Root of the errors a query can fail with, mirroring RethinkDB's hierarchy. Each carries
 * RethinkDB's exact message and a backtrace: the path of argument positions (numbers) and optarg
 * names (strings) from the query's root term to the term that failed, filled in as the error
 * passes up through the terms.
 *
 * <p>These are control flow for query evaluation, so they skip stack-trace capture.
 */
public abstract sealed class ReqlError extends RuntimeException
        permits ReqlCompileError, ReqlRuntimeError {

    private final Deque<Object> frames = new ArrayDeque<>();
    /** The place in the query the frames start from once known; then frames stop growing. */
    private List<Object> anchor;

    protected ReqlError(String message) {
        super(message, null, false, false);
    }

    /** The protocol's Response.ResponseType for this error (16 client, 17 compile, 18 runtime). */
    public abstract int responseType();

    /** The protocol's Response.ErrorType, or 0 for errors that have none (compile errors). */
    public abstract int errorType();

    /** Records that the error passed through argument {@code index} of the term above. */
    public ReqlError addFrame(int index) {
        if (anchor == null) {
            frames.addFirst(index);
        }
        return this;
    }

    /** Records that the error passed through optarg {@code name} of the term above. */
    public ReqlError addFrame(String name) {
        if (anchor == null) {
            frames.addFirst(name);
        }
        return this;
    }

    /**
     * Records that the frames so far are relative to the term at {@code path} in the query (a
     * function body): the backtrace is then complete, and the terms the error passes through on
     * its way out add nothing. A null path (a term outside any query) changes nothing.
     */
    public ReqlError anchorAt(List<Object> path) {
        if (anchor == null && path != null) {
            anchor = path;
        }
        return this;
    }

    /** The backtrace as the wire protocol sends it: a list of numbers and strings. */
    public ArrayDatum backtrace() {
        List<Datum> out = new ArrayList<>(frames.size());
        for (Object f : anchor == null ? List.of() : anchor) {
            out.add(f instanceof Integer i ? NumberDatum.of(i) : new StringDatum((String) f));
        }
        for (Object f : frames) {
            out.add(f instanceof Integer i ? NumberDatum.of(i) : new StringDatum((String) f));
        }
        return ArrayDatum.wrap(out);
    }
}

package io.reqldb.query.limits;

import io.reqldb.query.error.ReqlResourceLimitError;

/** The answers for failures the JVM raises itself, which no query may turn into a crash. */
public final class QueryGuards {
    private QueryGuards() {
    }

    /**
     * The error for a query that made the JVM run out of heap before its budget stopped it. The
     * query's own values become garbage as it unwinds, so answering it is safe.
     */
    public static ReqlResourceLimitError outOfMemory() {
        return new ReqlResourceLimitError("Query ran the server out of memory and was stopped.  Use a "
                + "reduction or an index to work on fewer rows at once, or lower the server's `--query-memory`.");
    }

    /** The error for a query whose values nest deeper than a query thread's stack can walk. */
    public static ReqlResourceLimitError tooDeep() {
        return new ReqlResourceLimitError("Query too deeply nested.");
    }
}

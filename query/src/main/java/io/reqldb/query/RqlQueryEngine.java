package io.reqldb.query;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlInternalError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Catalog;
import io.reqldb.query.eval.DbValue;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.GroupedData;
import io.reqldb.query.eval.GroupedFormat;
import io.reqldb.query.eval.QueryContext;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.feed.FeedResults;
import io.reqldb.query.limits.QueryCancelledException;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.limits.QueryGuards;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermCompiler;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.terms.TermFamilies;
import io.reqldb.query.terms.http.HttpAccess;
import io.reqldb.storage.Durability;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.Store;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ReQL engine: compiles a query's term tree, evaluates its global optargs, runs it, and hands
 * back an atom or a lazily read stream.
 */
public final class RqlQueryEngine implements QueryEngine {
    private static final Logger LOG = LoggerFactory.getLogger(RqlQueryEngine.class);
    private static final int DEFAULT_ARRAY_LIMIT = 100_000;

    private final Store store;
    private final Catalog catalog;
    private final TermCompiler compiler;
    private final HttpAccess httpAccess;

    public RqlQueryEngine(Store store, Catalog catalog) {
        this(store, catalog, HttpAccess.STRICT);
    }

    /** @param httpAccess what {@code r.http} may reach and read ({@code serve}'s --http-* options) */
    public RqlQueryEngine(Store store, Catalog catalog, HttpAccess httpAccess) {
        this.httpAccess = httpAccess;
        this.store = store;
        this.catalog = catalog;
        TermRegistry registry = new TermRegistry();
        TermFamilies.registerAll(registry);
        this.compiler = new TermCompiler(registry);
    }

    public TermCompiler compiler() {
        return compiler;
    }

    @Override
    public boolean isQuick(Datum term, ObjectDatum globalOptargs) {
        return QuickQueries.isQuick(term, globalOptargs, this::primaryKey);
    }

    /** The table's primary key, or null when it does not exist (its query then fails elsewhere). */
    private String primaryKey(String db, String table) {
        try {
            return store.table(db, table).info().primaryKey();
        } catch (StorageException e) {
            return null;
        }
    }

    @Override
    public QueryResult start(Datum rawTerm, ObjectDatum globalOptargs, Session session) {
        return start(rawTerm, globalOptargs, session, QueryControl.standalone());
    }

    @Override
    public QueryResult start(Datum rawTerm, ObjectDatum globalOptargs, Session session, QueryControl control) {
        try (QueryControl.Binding bound = control.bind()) {
            return evaluate(rawTerm, globalOptargs, session, control);
        } catch (OutOfMemoryError e) {
            // Last resort: the budget should have stopped the query first. Its values are
            // unreachable now that the stack has unwound, so the server carries on.
            LOG.warn("query ran out of memory", e);
            throw QueryGuards.outOfMemory();
        }
    }

    private QueryResult evaluate(Datum rawTerm, ObjectDatum globalOptargs, Session session, QueryControl control) {
        try {
            Term root = compiler.compileQuery(rawTerm);
            QueryContext ctx = contextFor(globalOptargs, session, control);
            Object value;
            try {
                value = root.eval(new Env(ctx));
                QueryResult feed = FeedResults.of(value, ctx);
                if (feed != null) {
                    return feed;
                }
            } catch (RuntimeException e) {
                throw FeedResults.failed(ctx, e);
            } catch (Error e) {
                FeedResults.closeAll(ctx);
                throw e;
            }
            return toResult(value, ctx.control());
        } catch (ReqlError | QueryCancelledException e) {
            throw e;
        } catch (StackOverflowError e) {
            throw QueryGuards.tooDeep();
        } catch (RuntimeException e) {
            LOG.warn("internal error running query", e);
            throw new ReqlInternalError("Unexpected exception: " + e);
        }
    }

    private QueryContext contextFor(ObjectDatum globalOptargs, Session session, QueryControl control) {
        Map<String, Term> optargs = new java.util.HashMap<>();
        for (Map.Entry<String, Datum> e : globalOptargs.fields().entrySet()) {
            GlobalOptargs.checkName(e.getKey());
            optargs.put(e.getKey(), compiler.compile(e.getValue()));
        }
        // The server's r.http settings here too: global optargs are queries as well.
        QueryContext bootstrap = new QueryContext(store, catalog, session, compiler, "test",
                DEFAULT_ARRAY_LIMIT, null, now(), QueryContext.DEFAULT_CHANGEFEED_QUEUE_SIZE, httpAccess, control);
        Env env = new Env(bootstrap);
        Supplier<String> db = () -> "test";
        Term dbOptarg = optargs.get("db");
        if (dbOptarg != null) {
            db = memoized(() -> Values.toDb(dbOptarg.eval(env)).name());
        }
        int arrayLimit = DEFAULT_ARRAY_LIMIT;
        if (optargs.containsKey("array_limit")) {
            long limit = Values.toLong(Values.toDatum(optargs.get("array_limit").eval(env)));
            if (limit < 1) {
                throw new ReqlQueryLogicError("Illegal array size limit `" + limit + "`.  (Must be >= 1.)");
            }
            arrayLimit = (int) Math.min(Integer.MAX_VALUE, limit);
        }
        Durability durability = null;
        if (optargs.containsKey("durability")) {
            durability = io.reqldb.query.terms.WriteOptions.parseDurability(
                    Values.toDatum(optargs.get("durability").eval(env)));
        }
        int feedQueueSize = QueryContext.DEFAULT_CHANGEFEED_QUEUE_SIZE;
        if (optargs.containsKey("changefeed_queue_size")) {
            feedQueueSize = FeedResults.queueSizeLimit(Values.toDatum(optargs.get("changefeed_queue_size").eval(env)));
        }
        Catalog tables = catalog;
        if (optargs.containsKey("snapshot")) {
            // ReqlDB extension: read user tables as of a snapshot pinned in rethinkdb.snapshots.
            Datum id = Values.toDatum(optargs.get("snapshot").eval(env));
            if (!(id instanceof io.reqldb.datum.StringDatum s) || !(catalog instanceof StoreCatalog c)) {
                throw new ReqlQueryLogicError("The `snapshot` optarg must be the id of a row of "
                        + "`rethinkdb.snapshots`.");
            }
            tables = c.atSnapshot(s.value());
        }
        return new QueryContext(store, tables, session, compiler, db, arrayLimit, durability, bootstrap.now(),
                feedQueueSize, httpAccess, optargs, control);
    }

    /** The first answer of {@code supplier}, kept; a failure is not kept (each use reports it again). */
    private static Supplier<String> memoized(Supplier<String> supplier) {
        String[] value = new String[1];
        return () -> {
            if (value[0] == null) {
                value[0] = supplier.get();
            }
            return value[0];
        };
    }

    private static TimeDatum now() {
        long millis = System.currentTimeMillis();
        return new TimeDatum(millis / 1000.0, TimeDatum.UTC);
    }

    private static QueryResult toResult(Object value, QueryControl control) {
        if (value instanceof Datum d) {
            io.reqldb.query.terms.datum.JsonText.checkWritable(d);
            return new QueryResult.Atom(d);
        }
        if (value instanceof SingleSelection s) {
            return new QueryResult.Atom(s.row());
        }
        if (value instanceof GroupedData g) {
            return new QueryResult.Atom(GroupedFormat.toDatum(g));
        }
        if (value instanceof TableValue t) {
            return new QueryResult.Stream(new SequenceResultStream(t.scan(), control));
        }
        if (value instanceof Sequence s) {
            return new QueryResult.Stream(new SequenceResultStream(s, control));
        }
        String kind = value instanceof DbValue ? "DATABASE" : "FUNCTION";
        throw new ReqlQueryLogicError("Query result must be of type DATUM, GROUPED_DATA, or STREAM (got " + kind + ").");
    }
}

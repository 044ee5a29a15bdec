package io.reqldb.query.eval;

import io.reqldb.datum.TimeDatum;
import io.reqldb.query.Session;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.term.TermCompiler;
import io.reqldb.query.terms.http.HttpAccess;
import io.reqldb.storage.Durability;
import io.reqldb.storage.Store;
import java.util.function.Supplier;

/**
 * Everything one query run shares: the store, the session, the global optargs that shape
 * evaluation, and the instant {@code r.now()} returns (fixed for the whole query, as in RethinkDB).
 */
public final class QueryContext {
    private final Store store;
    private final Catalog catalog;
    private final Session session;
    private final TermCompiler compiler;
    private final Supplier<String> defaultDb;
    private final int arrayLimit;
    private final Durability durability;
    private final TimeDatum now;
    private final int changefeedQueueSize;
    private final HttpAccess httpAccess;
    private final QueryControl control;
    /** The query's global optargs: a term's own optarg of the same name wins, as in RethinkDB. */
    private final java.util.Map<String, io.reqldb.query.term.Term> globalOptargs;
    /** Changefeeds this query opened; the engine serves them, or closes them when the query fails. */
    private final java.util.List<Sequence> openFeeds = new java.util.ArrayList<>();

    public QueryContext(Store store, Catalog catalog, Session session, TermCompiler compiler, String defaultDb,
                        int arrayLimit, Durability durability, TimeDatum now) {
        this(store, catalog, session, compiler, defaultDb, arrayLimit, durability, now,
                DEFAULT_CHANGEFEED_QUEUE_SIZE);
    }

    /** RethinkDB's default for the {@code changefeed_queue_size} optarg. */
    public static final int DEFAULT_CHANGEFEED_QUEUE_SIZE = 100_000;

    public QueryContext(Store store, Catalog catalog, Session session, TermCompiler compiler, String defaultDb,
                        int arrayLimit, Durability durability, TimeDatum now, int changefeedQueueSize) {
        this(store, catalog, session, compiler, defaultDb, arrayLimit, durability, now, changefeedQueueSize,
                HttpAccess.STRICT, QueryControl.UNBOUNDED);
    }

    /**
     * @param httpAccess what {@code r.http} may reach and read (the server's settings)
     * @param control    the query's cancellation and memory budget
     */
    public QueryContext(Store store, Catalog catalog, Session session, TermCompiler compiler, String defaultDb,
                        int arrayLimit, Durability durability, TimeDatum now, int changefeedQueueSize,
                        HttpAccess httpAccess, QueryControl control) {
        this(store, catalog, session, compiler, () -> defaultDb, arrayLimit, durability, now, changefeedQueueSize,
                httpAccess, java.util.Map.of(), control);
    }

    /**
     * {@code defaultDb} is asked only when a query uses the default database: as in RethinkDB, a
     * {@code db} global optarg naming a missing database fails only the queries that use it, so
     * that a client connected with {@code db: 'x'} can still run {@code r.dbCreate('x')}.
     *
     * @param globalOptargs the query's global optargs, compiled
     */
    public QueryContext(Store store, Catalog catalog, Session session, TermCompiler compiler,
                        Supplier<String> defaultDb, int arrayLimit, Durability durability, TimeDatum now,
                        int changefeedQueueSize, HttpAccess httpAccess,
                        java.util.Map<String, io.reqldb.query.term.Term> globalOptargs, QueryControl control) {
        this.store = store;
        this.catalog = catalog;
        this.session = session;
        this.compiler = compiler;
        this.defaultDb = defaultDb;
        this.arrayLimit = arrayLimit;
        this.durability = durability;
        this.now = now;
        this.changefeedQueueSize = changefeedQueueSize;
        this.httpAccess = httpAccess;
        this.globalOptargs = globalOptargs;
        this.control = control;
    }

    /**
     * The query's cancellation and memory budget: charge what you materialise, and register a
     * listener for work the query waits on elsewhere ({@link QueryControl#onCancel}).
     */
    public QueryControl control() {
        return control;
    }

    /**
     * The global optarg of this name, or null: every term that reads an optarg it was not given
     * reads the query's global one instead (RethinkDB's op_term_t::optarg), so that
     * {@code run(conn, read_mode="outdated")} reaches every table term.
     */
    public io.reqldb.query.term.Term globalOptarg(String name) {
        return globalOptargs.get(name);
    }

    public Store store() {
        return store;
    }

    /** Looks up databases and tables, including the virtual {@code rethinkdb} system database. */
    public Catalog catalog() {
        return catalog;
    }

    public Session session() {
        return session;
    }

    /** For terms that compile stored functions (index functions, write hooks). */
    public TermCompiler compiler() {
        return compiler;
    }

    /** The database used when a query names none ({@code db} global optarg, else "test"). */
    public String defaultDb() {
        return defaultDb.get();
    }

    /** Most elements an array may have ({@code array_limit}, default 100,000). */
    public int arrayLimit() {
        return arrayLimit;
    }

    /** The query's durability optarg, or null when it gave none (then each table's own applies). */
    public Durability durability() {
        return durability;
    }

    public TimeDatum now() {
        return now;
    }

    /** Most changes a feed buffers ({@code changefeed_queue_size} global optarg, default 100,000). */
    public int changefeedQueueSize() {
        return changefeedQueueSize;
    }

    /** What {@code r.http} may reach and read. */
    public HttpAccess httpAccess() {
        return httpAccess;
    }

    /** Records a changefeed opened while evaluating this query. */
    public void addOpenFeed(Sequence feed) {
        synchronized (openFeeds) {
            openFeeds.add(feed);
        }
    }

    /** The changefeeds this query opened, in order. */
    public java.util.List<Sequence> openFeeds() {
        synchronized (openFeeds) {
            return java.util.List.copyOf(openFeeds);
        }
    }
}

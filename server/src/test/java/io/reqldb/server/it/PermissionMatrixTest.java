package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.ast.Table;
import com.rethinkdb.gen.exc.ReqlPermissionError;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * RethinkDB 2.4's permission rules, as a matrix: every operation in {@link #OPERATIONS} × every
 * scope (global, database, table) × granted or denied, run by a fresh user through the official
 * Java driver. Granted means the permissions the operation needs are set true at that scope;
 * denied means every other permission is set true there and the needed one false. The operation
 * succeeds exactly when it was granted at a scope that counts for it; otherwise it fails with
 * {@code ReqlPermissionError} and RethinkDB's text naming the permission it needs.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PermissionMatrixTest {
    enum Scope { GLOBAL, DB, TABLE }

    /** What an operation needs: the permissions to grant, and the one a refusal names. */
    enum Needs {
        READ(Map.of("read", true), Map.of("read", false, "write", true, "config", true), "read"),
        /** RethinkDB's writes need read too (its issue 5599); the refusal names write. */
        WRITE(Map.of("read", true, "write", true), Map.of("read", true, "write", false, "config", true), "write"),
        CONFIG(Map.of("config", true), Map.of("read", true, "write", true, "config", false), "config"),
        WRITE_AND_CONFIG(Map.of("read", true, "write", true, "config", true),
                Map.of("read", true, "write", true, "config", false), "config"),
        CONNECT(Map.of("connect", true), Map.of("read", true, "write", true, "config", true, "connect", false),
                "connect"),
        NOTHING(Map.of("read", true), Map.of("read", false, "write", false, "config", false), null);

        final Map<String, Boolean> granted;
        final Map<String, Boolean> denied;
        final String refusal;

        Needs(Map<String, Boolean> granted, Map<String, Boolean> denied, String refusal) {
            this.granted = granted;
            this.denied = denied;
            this.refusal = refusal;
        }
    }

    private static final Set<Scope> ANY = Set.of(Scope.GLOBAL, Scope.DB, Scope.TABLE);
    private static final Set<Scope> DB_OR_GLOBAL = Set.of(Scope.GLOBAL, Scope.DB);
    private static final Set<Scope> GLOBAL_ONLY = Set.of(Scope.GLOBAL);
    /** The system database does not inherit global permissions. */
    private static final Set<Scope> DB_OR_TABLE = Set.of(Scope.DB, Scope.TABLE);

    /**
     * One operation: its name, what it needs, the scopes where a grant counts, the table a
     * database or table grant is made on, admin's set-up, the query, and whether success means
     * only "not refused for want of a permission" (r.http, which reaches nothing here).
     */
    record Op(String name, Needs needs, Set<Scope> counts, String db, String table, Consumer<Connection> setup,
              Supplier<ReqlExpr> query, boolean onlyNotRefused) {
        Op(String name, Needs needs, Set<Scope> counts, Supplier<ReqlExpr> query) {
            this(name, needs, counts, "app", "docs", c -> { }, query, false);
        }

        Op on(String db, String table) {
            return new Op(name, needs, counts, db, table, setup, query, onlyNotRefused);
        }

        Op before(Consumer<Connection> s) {
            return new Op(name, needs, counts, db, table, s, query, onlyNotRefused);
        }

        Op notRefused() {
            return new Op(name, needs, counts, db, table, setup, query, true);
        }

        /**
         * The permission a refusal names. A system table checks {@code read} before {@code write},
         * so a write there by a user who may not even read it names {@code read}.
         */
        String refusal(Scope scope) {
            boolean systemWrite = db.equals("rethinkdb") && needs == Needs.WRITE;
            return systemWrite && !counts.contains(scope) ? "read" : needs.refusal;
        }
    }

    private static Table docs() {
        return r.db("app").table("docs");
    }

    private static void run(Connection c, ReqlExpr q) {
        Object out = q.run(c);
        if (out instanceof Result<?> result) {
            result.close();
        }
    }

    private static final List<Op> OPERATIONS = List.of(
            // ------------------------------------------------------------- reads: read
            new Op("get", Needs.READ, ANY, () -> docs().get(1)),
            new Op("table scan", Needs.READ, ANY, () -> docs().coerceTo("array")),
            new Op("filter count", Needs.READ, ANY, () -> docs().filter(r.hashMap("v", 1)).count()),
            new Op("count", Needs.READ, ANY, () -> docs().count()),
            new Op("between", Needs.READ, ANY, () -> docs().between(0, 5).coerceTo("array")),
            new Op("get_all by index", Needs.READ, ANY, () -> docs().getAll(1).optArg("index", "v").coerceTo("array")),
            new Op("order_by index", Needs.READ, ANY, () -> docs().orderBy().optArg("index", "v").limit(1)
                    .coerceTo("array")),
            new Op("eq_join", Needs.READ, ANY, () -> r.expr(r.array(r.hashMap("d", 1))).eqJoin("d", docs())
                    .coerceTo("array")),
            new Op("info", Needs.READ, ANY, () -> docs().info()),
            new Op("changes", Needs.READ, ANY, () -> docs().changes()),
            new Op("read rethinkdb.users", Needs.READ, DB_OR_TABLE,
                    () -> r.db("rethinkdb").table("users").coerceTo("array")).on("rethinkdb", "users"),
            // ------------------------------------------------------------- writes: write (and read)
            new Op("insert", Needs.WRITE, ANY, () -> docs().insert(r.hashMap("id", 2)).optArg("conflict", "replace")),
            new Op("get.update", Needs.WRITE, ANY, () -> docs().get(1).update(r.hashMap("w", 1))),
            new Op("get.replace", Needs.WRITE, ANY, () -> docs().get(1).replace(r.hashMap("id", 1).with("v", 1))),
            new Op("get.delete", Needs.WRITE, ANY, () -> docs().get(404).delete()),
            new Op("table update", Needs.WRITE, ANY, () -> docs().update(r.hashMap("w", 2))),
            new Op("sync", Needs.WRITE, ANY, () -> docs().sync()),
            new Op("write rethinkdb.users", Needs.WRITE, DB_OR_TABLE,
                    () -> r.db("rethinkdb").table("users").get("nobody").update(r.hashMap("password", false)))
                    .on("rethinkdb", "users"),
            new Op("grant", Needs.WRITE, DB_OR_TABLE, () -> r.grant("other", r.hashMap("read", true)))
                    .on("rethinkdb", "permissions"),
            new Op("insert ignoring the write hook", Needs.WRITE_AND_CONFIG, ANY,
                    () -> docs().insert(r.hashMap("id", 3)).optArg("conflict", "replace")
                            .optArg("ignore_write_hook", true)),
            // ------------------------------------------------------------- table administration: config
            new Op("index_create", Needs.CONFIG, ANY, () -> docs().indexCreate("made"))
                    .before(c -> dropIndex(c, "made")),
            new Op("index_drop", Needs.CONFIG, ANY, () -> docs().indexDrop("tmp")).before(c -> createIndex(c, "tmp")),
            new Op("index_rename", Needs.CONFIG, ANY, () -> docs().indexRename("tmp", "tmp2"))
                    .before(c -> {
                        dropIndex(c, "tmp2");
                        createIndex(c, "tmp");
                    }),
            new Op("set_write_hook", Needs.CONFIG, ANY, () -> docs().setWriteHook((com.rethinkdb.gen.ast.Javascript) null)),
            new Op("get_write_hook", Needs.CONFIG, ANY, () -> docs().getWriteHook()),
            new Op("table config", Needs.CONFIG, ANY, () -> docs().config()),
            new Op("table reconfigure", Needs.CONFIG, ANY,
                    () -> docs().reconfigure().optArg("shards", 1).optArg("replicas", 1)),
            new Op("table rebalance", Needs.CONFIG, ANY, () -> docs().rebalance()),
            new Op("table_drop", Needs.CONFIG, ANY, () -> r.db("app").tableDrop("doomed")).on("app", "doomed")
                    .before(c -> createTable(c, "app", "doomed")),
            // ------------------------------------------------------------- database administration
            new Op("table_create", Needs.CONFIG, DB_OR_GLOBAL, () -> r.db("app").tableCreate("made"))
                    .before(c -> dropTable(c, "app", "made")),
            new Op("db config", Needs.CONFIG, DB_OR_GLOBAL, () -> r.db("app").config()),
            new Op("db reconfigure", Needs.CONFIG, DB_OR_GLOBAL,
                    () -> r.db("app").reconfigure().optArg("shards", 1).optArg("replicas", 1)),
            new Op("db rebalance", Needs.CONFIG, DB_OR_GLOBAL, () -> r.db("app").rebalance()),
            new Op("db_drop", Needs.CONFIG, DB_OR_GLOBAL, () -> r.dbDrop("gone")).on("gone", "t")
                    .before(c -> createTable(c, "gone", "t")),
            new Op("db_create", Needs.CONFIG, GLOBAL_ONLY, () -> r.dbCreate("made")).before(c -> dropDb(c, "made")),
            // ------------------------------------------------------------- connect
            new Op("http", Needs.CONNECT, GLOBAL_ONLY, () -> r.http("http://127.0.0.1:1/").optArg("attempts", 1)
                    .optArg("timeout", 2)).notRefused(),
            // ------------------------------------------------------------- nothing needed
            new Op("index_list", Needs.NOTHING, ANY, () -> docs().indexList()),
            new Op("index_status", Needs.NOTHING, ANY, () -> docs().indexStatus()),
            new Op("index_wait", Needs.NOTHING, ANY, () -> docs().indexWait()),
            new Op("table status", Needs.NOTHING, ANY, () -> docs().status()),
            new Op("table wait", Needs.NOTHING, ANY, () -> docs().wait_()),
            new Op("table_list", Needs.NOTHING, ANY, () -> r.db("app").tableList()),
            new Op("db_list", Needs.NOTHING, ANY, () -> r.dbList()));

    @TempDir
    static Path dataDir;
    private UsersServer server;
    private Connection admin;
    private final AtomicInteger userCount = new AtomicInteger();

    @BeforeAll
    void start() throws Exception {
        server = new UsersServer(dataDir);
        admin = server.connect("admin", "");
        r.db("rethinkdb").table("users").insert(r.hashMap("id", "other").with("password", false)).run(admin);
    }

    @AfterAll
    void stop() {
        admin.close();
        server.close();
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Op op : OPERATIONS) {
            for (Scope scope : Scope.values()) {
                if (op.needs == Needs.CONNECT && scope != Scope.GLOBAL) {
                    continue; // `connect` can only be granted globally (PermissionRulesTest checks the refusal)
                }
                for (boolean granted : new boolean[] {true, false}) {
                    String name = op.name + " · " + (granted ? "granted" : "denied") + " at " + scope.name().toLowerCase();
                    out.add(Arguments.of(Named.of(name, op), scope, granted));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void operation(Op op, Scope scope, boolean granted) {
        fixtures();
        op.setup.accept(admin);
        String user = "u" + userCount.incrementAndGet();
        r.db("rethinkdb").table("users")
                .insert(r.hashMap("id", user).with("password", "pw"))
                .run(admin);
        try {
            grant(user, scope, op, granted ? op.needs.granted : op.needs.denied);
            Throwable failure;
            try (Connection c = server.connect(user, "pw")) {
                failure = catchThrowable(() -> run(c, op.query.get()));
            }
            boolean allowed = op.needs == Needs.NOTHING || granted && op.counts.contains(scope);
            if (allowed && op.onlyNotRefused) {
                // r.http's own address rules may refuse loopback; the user's permissions must not.
                assertThat(failure).isNotNull();
                assertThat(failure.getMessage()).doesNotContain("does not have the required");
            } else if (allowed) {
                assertThat(failure).as("%s by %s", op.name, user).isNull();
            } else {
                assertThat(failure).isInstanceOf(ReqlPermissionError.class)
                        .hasMessage("User `" + user + "` does not have the required `" + op.refusal(scope)
                                + "` permission.");
            }
        } finally {
            r.db("rethinkdb").table("users").get(user).delete().run(admin);
        }
    }

    private void grant(String user, Scope scope, Op op, Map<String, Boolean> permissions) {
        Map<String, Boolean> perms = new java.util.HashMap<>(permissions);
        if (scope != Scope.GLOBAL) {
            perms.remove("connect"); // only valid globally
        }
        switch (scope) {
            case GLOBAL -> r.grant(user, perms).run(admin);
            case DB -> r.db(op.db).grant(user, perms).run(admin);
            case TABLE -> r.db(op.db).table(op.table).grant(user, perms).run(admin);
        }
    }

    /** The database, table, row and index every operation starts from. */
    private void fixtures() {
        createTable(admin, "app", "docs");
        docs().insert(r.hashMap("id", 1).with("v", 1)).optArg("conflict", "replace").run(admin);
        createIndex(admin, "v");
        docs().setWriteHook((com.rethinkdb.gen.ast.Javascript) null).run(admin);
    }

    private static void createTable(Connection c, String db, String table) {
        r.branch(r.dbList().contains(db), null, r.dbCreate(db)).run(c);
        r.branch(r.db(db).tableList().contains(table), null, r.db(db).tableCreate(table)).run(c);
    }

    private static void dropTable(Connection c, String db, String table) {
        r.branch(r.db(db).tableList().contains(table), r.db(db).tableDrop(table), null).run(c);
    }

    private static void dropDb(Connection c, String db) {
        r.branch(r.dbList().contains(db), r.dbDrop(db), null).run(c);
    }

    private static void createIndex(Connection c, String index) {
        r.branch(docs().indexList().contains(index), null, docs().indexCreate(index)).run(c);
        docs().indexWait(index).run(c);
    }

    private static void dropIndex(Connection c, String index) {
        r.branch(docs().indexList().contains(index), docs().indexDrop(index), null).run(c);
    }
}

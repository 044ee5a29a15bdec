package io.reqldb.query.terms.admin;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.DbValue;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.system.SystemContext;
import io.reqldb.query.system.TableRows;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code config}, {@code status}, {@code wait}, {@code sync}, {@code reconfigure} and
 * {@code rebalance}: on one server every table is always ready, so these report RethinkDB-shaped
 * results after checking arguments as RethinkDB does.
 */
public final class ClusterTerms {
    private static final List<String> WAIT_STATES = List.of("ready_for_outdated_reads", "ready_for_reads",
            "ready_for_writes", "all_replicas_ready");

    private ClusterTerms() {
    }

    public static void register(TermRegistry r) {
        r.term(TermType.CONFIG).args(1).notGroupable().body(ClusterTerms::config);
        r.term(TermType.STATUS).args(1).notGroupable().body((t, env) -> {
            TableRef table = TableArgs.table(t, env, 0);
            if (TableArgs.isSystem(table)) {
                throw new ReqlOpFailedError("Database `rethinkdb` is special; the system tables in it don't have "
                        + "meaningful status information.");
            }
            StoreCatalog c = TableArgs.catalog(env);
            TableRef statusTable = c.table("rethinkdb", "table_status");
            Datum key = new StringDatum(table.storage().info().id().toString());
            return new SingleSelection(statusTable, key, statusTable.get(key));
        });
        r.term(TermType.SYNC).args(1).notGroupable().body((t, env) -> {
            TableRef table = TableArgs.table(t, env, 0);
            Permissions.require(env, "write", table); // RethinkDB's sync is a write
            if (!TableArgs.isSystem(table)) {
                TableArgs.catalog(env).store().sync();
            }
            return Changes.result("synced", 1);
        });
        r.term(TermType.WAIT).args(0, 1).optargs("timeout", "wait_for").notGroupable().body(ClusterTerms::waitTerm);
        r.term(TermType.RECONFIGURE).args(0, 1).optargs("dry_run", "emergency_repair", "nonvoting_replica_tags",
                "primary_replica_tag", "replicas", "shards").notGroupable().body(ClusterTerms::reconfigure);
        r.term(TermType.REBALANCE).args(0, 1).notGroupable().body(ClusterTerms::rebalance);
    }

    private static Object config(Term t, Env env) {
        Object target = t.arg(env, 0);
        StoreCatalog c = TableArgs.catalog(env);
        if (target instanceof DbValue db) {
            if (db.name().equals("rethinkdb")) {
                throw new ReqlOpFailedError("Database `rethinkdb` is special; you can't configure it.");
            }
            Permissions.requireDb(env, "config", db.name());
            TableRef dbConfig = Permissions.guard(env, c.table("rethinkdb", "db_config"), false);
            Datum key = new StringDatum(c.databaseId(db.name()).toString());
            return new SingleSelection(dbConfig, key, dbConfig.get(key));
        }
        TableRef table = TableArgs.table(t, env, 0);
        if (TableArgs.isSystem(table)) {
            throw new ReqlOpFailedError("Database `rethinkdb` is special; you can't configure the tables in it.");
        }
        Permissions.require(env, "config", table);
        TableRef tableConfig = Permissions.guard(env, c.table("rethinkdb", "table_config"), false);
        Datum key = new StringDatum(table.storage().info().id().toString());
        return new SingleSelection(tableConfig, key, tableConfig.get(key));
    }

    /** The tables a table-or-database term applies to; its error when called on nothing. */
    private static List<TableInfo> targets(Term t, Env env, String termName) {
        if (t.argCount() == 0) {
            throw new ReqlQueryLogicError("`" + termName + "` can only be called on a table or database.");
        }
        Object target = t.arg(env, 0);
        StoreCatalog c = TableArgs.catalog(env);
        boolean system = target instanceof DbValue db ? db.name().equals("rethinkdb")
                : target instanceof TableValue tv && TableArgs.isSystem(tv.ref());
        if (system) {
            throw new ReqlOpFailedError("Database `rethinkdb` is special; " + switch (termName) {
                case "wait" -> "the system tables in it are always available and don't need to be waited on.";
                case "rebalance" -> "you can't rebalance the tables in it.";
                default -> "you can't configure the tables in it.";
            });
        }
        if (target instanceof DbValue db) {
            return c.store().tables(db.name());
        }
        if (target instanceof TableValue tv && !tv.isSlice()) {
            return List.of(tv.ref().storage().info());
        }
        throw Values.typeError("TABLE", target).addFrame(0);
    }

    /** {@code config} on the table, or on the database and every table in it. */
    private static void requireConfig(Term t, Env env, List<TableInfo> tables) {
        if (t.arg(env, 0) instanceof DbValue db) {
            Permissions.requireConfig(env, TableArgs.catalog(env).databaseId(db.name()), tables);
        } else {
            Permissions.require(env, "config", TableArgs.table(t, env, 0));
        }
    }

    private static Object waitTerm(Term t, Env env) {
        String waitFor = t.optargString(env, "wait_for", "all_replicas_ready");
        if (!WAIT_STATES.contains(waitFor)) {
            throw new ReqlQueryLogicError("Unknown table readiness state: '" + waitFor + "', must be one of "
                    + "'ready_for_outdated_reads', 'ready_for_reads', 'ready_for_writes', or 'all_replicas_ready'");
        }
        if (t.hasOptarg(env, "timeout")) {
            t.inOptarg("timeout", () -> Values.toLong(t.optargDatum(env, "timeout")));
        }
        return Changes.result("ready", targets(t, env, "wait").size());
    }

    private static Object reconfigure(Term t, Env env) {
        List<TableInfo> tables = targets(t, env, "reconfigure");
        boolean dryRun = t.optargBool(env, "dry_run", false);
        Datum repair = t.optargDatum(env, "emergency_repair");
        if (repair != null && repair != NullDatum.INSTANCE) {
            String mode = t.optargString(env, "emergency_repair", "");
            if (!mode.equals("unsafe_rollback") && !mode.equals("unsafe_rollback_or_erase")
                    && !mode.equals("_debug_recommit")) {
                throw new ReqlQueryLogicError("`emergency_repair` should be \"unsafe_rollback\" or "
                        + "\"unsafe_rollback_or_erase\"");
            }
            for (String o : List.of("nonvoting_replica_tags", "primary_replica_tag", "replicas", "shards")) {
                if (t.hasOptarg(o)) {
                    throw new ReqlQueryLogicError("In emergency repair mode, you can't specify shards, replicas, etc.");
                }
            }
            if (t.arg(env, 0) instanceof DbValue) {
                throw new ReqlQueryLogicError("Can't emergency repair an entire database at once; instead you "
                        + "should run `reconfigure()` on each table individually.");
            }
            requireConfig(t, env, tables);
            throw new ReqlOpFailedError("This table doesn't need to be repaired.");
        }
        Replication params = Replication.parse(t, env, true);
        params.validate();
        requireConfig(t, env, tables);
        SystemContext sys = TableArgs.catalog(env).system().context();
        List<Datum> configChanges = new ArrayList<>();
        List<Datum> statusChanges = new ArrayList<>();
        for (TableInfo info : tables) {
            Datum oldConfig = TableRows.config(sys, info, false);
            Datum oldStatus = TableRows.status(sys, info, false);
            int before = sys.settings().shards(info.id());
            sys.settings().setShards(info.id(), (int) params.shards());
            Datum newConfig = TableRows.config(sys, info, false);
            Datum newStatus = TableRows.status(sys, info, false);
            if (dryRun) {
                sys.settings().setShards(info.id(), before);
            } else {
                sys.notifyChange("table_status", oldStatus, newStatus);
                sys.notifyChange("table_config", oldConfig, newConfig);
            }
            configChanges.addAll(Changes.pair(oldConfig, newConfig).items());
            statusChanges.addAll(Changes.pair(oldStatus, newStatus).items());
        }
        if (dryRun) {
            return Changes.result("reconfigured", 0, "config_changes", ArrayDatum.wrap(configChanges));
        }
        return Changes.result("reconfigured", tables.size(), "config_changes", ArrayDatum.wrap(configChanges),
                "status_changes", ArrayDatum.wrap(statusChanges));
    }

    private static Object rebalance(Term t, Env env) {
        List<TableInfo> tables = targets(t, env, "rebalance");
        requireConfig(t, env, tables);
        SystemContext sys = TableArgs.catalog(env).system().context();
        List<Datum> statusChanges = new ArrayList<>();
        for (TableInfo info : tables) {
            Datum status = TableRows.status(sys, info, false);
            statusChanges.addAll(Changes.pair(status, status).items());
            sys.notifyChange("table_status", status, status);
        }
        return Changes.result("rebalanced", tables.size(), "status_changes", ArrayDatum.wrap(statusChanges));
    }
}

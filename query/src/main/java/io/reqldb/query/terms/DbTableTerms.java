package io.reqldb.query.terms;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.eval.DbValue;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.system.DbConfigTable;
import io.reqldb.query.system.SystemDatabase;
import io.reqldb.query.system.TableRows;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.admin.Changes;
import io.reqldb.query.terms.admin.ClusterTerms;
import io.reqldb.query.terms.admin.InfoTerm;
import io.reqldb.query.terms.admin.Names;
import io.reqldb.query.terms.admin.TableArgs;
import io.reqldb.query.terms.admin.Replication;
import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.Durability;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.TableInfo;
import io.reqldb.storage.TableOptions;
import java.util.ArrayList;
import java.util.List;

/** Databases and tables: {@code r.db}, {@code table}, create/drop/list, and (via admin/) config and info. */
public final class DbTableTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.DB).args(1).notGroupable().body((t, env) -> {
            String name = Names.check(t.stringArg(env, 0), "Database");
            env.context().catalog().checkDatabase(name);
            return new DbValue(name);
        });
        r.term(TermType.TABLE).args(1, 2).optargs("read_mode", "use_outdated", "identifier_format").notGroupable()
                .body(DbTableTerms::table);
        r.term(TermType.DB_CREATE).args(1).notGroupable().body(DbTableTerms::dbCreate);
        r.term(TermType.DB_DROP).args(1).notGroupable().body(DbTableTerms::dbDrop);
        r.term(TermType.DB_LIST).args(0).notGroupable().body((t, env) -> {
            List<Datum> out = new ArrayList<>();
            TableArgs.catalog(env).databaseNames().forEach(n -> out.add(new StringDatum(n)));
            return ArrayTerms.limited(out, env);
        });
        r.term(TermType.TABLE_CREATE).args(1, 2).optargs("primary_key", "shards", "replicas",
                "nonvoting_replica_tags", "primary_replica_tag", "durability").notGroupable()
                .body(DbTableTerms::tableCreate);
        r.term(TermType.TABLE_DROP).args(1, 2).notGroupable().body(DbTableTerms::tableDrop);
        r.term(TermType.TABLE_LIST).args(0, 1).notGroupable().body(DbTableTerms::tableList);
        ClusterTerms.register(r);
        InfoTerm.register(r);
    }

    /** {@code r.table(name)} or {@code db.table(name)}. */
    private static Object table(Term t, Env env) {
        String db;
        String name;
        if (t.argCount() == 2) {
            db = Values.toDb(t.arg(env, 0)).name();
            name = t.stringArg(env, 1);
        } else {
            db = env.context().defaultDb();
            name = t.stringArg(env, 0);
        }
        Names.check(name, "Table");
        if (t.hasOptarg(env, "use_outdated")) {
            throw new io.reqldb.query.error.ReqlQueryLogicError("The `use_outdated` optarg is no longer supported.  "
                    + "Use the `read_mode` optarg instead.");
        }
        if (t.hasOptarg(env, "read_mode")) {
            String mode = t.optargString(env, "read_mode", "single");
            if (!List.of("majority", "single", "outdated", "_debug_direct").contains(mode)) {
                throw new io.reqldb.query.error.ReqlQueryLogicError("Read mode `" + mode + "` unrecognized "
                        + "(options are \"majority\", \"single\", and \"outdated\").");
            }
        }
        String format = t.optargString(env, "identifier_format", "name");
        if (!format.equals("name") && !format.equals("uuid")) {
            throw new io.reqldb.query.error.ReqlQueryLogicError("Identifier format `" + format
                    + "` unrecognized (options are \"name\" and \"uuid\").");
        }
        if (env.context().catalog() instanceof StoreCatalog c) {
            io.reqldb.query.eval.TableRef ref = c.table(db, name, format.equals("uuid"));
            return TableValue.of(io.reqldb.query.terms.admin.Permissions.guard(env, ref));
        }
        return TableValue.of(env.context().catalog().table(db, name));
    }

    /** The database a db-or-default term works on: argument {@code dbArg} if present, else the default. */
    static String dbOf(Term t, Env env, int argsWithDb) {
        if (t.argCount() == argsWithDb) {
            return Values.toDb(t.arg(env, 0)).name();
        }
        String db = env.context().defaultDb();
        env.context().catalog().checkDatabase(db);
        return db;
    }

    private static Object dbCreate(Term t, Env env) {
        String name = Names.check(t.stringArg(env, 0), "Database");
        StoreCatalog c = TableArgs.catalog(env);
        if (name.equals(SystemDatabase.NAME)) {
            throw new ReqlOpFailedError("Database `" + name + "` already exists.");
        }
        io.reqldb.query.terms.admin.Permissions.requireDb(env, "config", null);
        DatabaseInfo info;
        try {
            info = c.store().createDatabase(name);
        } catch (StorageException e) {
            throw new ReqlOpFailedError("Database `" + name + "` already exists.");
        }
        return Changes.result("dbs_created", 1, "config_changes", Changes.pair(NullDatum.INSTANCE, DbConfigTable.row(info)));
    }

    private static Object dbDrop(Term t, Env env) {
        String name = Names.check(t.stringArg(env, 0), "Database");
        StoreCatalog c = TableArgs.catalog(env);
        if (name.equals(SystemDatabase.NAME)) {
            throw new ReqlOpFailedError("Database `" + name + "` is special; you can't delete it.");
        }
        if (name.equals(io.reqldb.query.system.SettingsStore.DATABASE)) {
            throw new ReqlOpFailedError("Database `" + name + "` does not exist.");
        }
        List<TableInfo> tables;
        try {
            tables = c.store().tables(name);
        } catch (StorageException e) {
            throw new ReqlOpFailedError("Database `" + name + "` does not exist.");
        }
        io.reqldb.query.terms.admin.Permissions.requireConfig(env, c.databaseId(name), tables);
        DatabaseInfo info;
        try {
            info = c.store().dropDatabase(name);
        } catch (StorageException e) {
            throw new ReqlOpFailedError("Database `" + name + "` does not exist.");
        }
        tables.forEach(ti -> c.settings().forget(ti.id()));
        return Changes.result("dbs_dropped", 1, "tables_dropped", tables.size(),
                "config_changes", Changes.pair(DbConfigTable.row(info), NullDatum.INSTANCE));
    }

    private static Object tableCreate(Term t, Env env) {
        String db = dbOf(t, env, 2);
        String name = Names.check(t.stringArg(env, t.argCount() - 1), "Table");
        Replication replication = Replication.parse(t, env, false);
        replication.validate();
        String pk = t.optargString(env, "primary_key", "id");
        Durability durability = Durability.HARD;
        Datum d = t.optargDatum(env, "durability");
        if (d != null) {
            durability = t.inOptarg("durability", () -> WriteOptions.parseDurability(d));
        }
        StoreCatalog c = TableArgs.catalog(env);
        if (db.equals(SystemDatabase.NAME)) {
            throw new ReqlOpFailedError("Database `rethinkdb` is special; you can't create new tables in it.");
        }
        io.reqldb.query.terms.admin.Permissions.requireDb(env, "config", db);
        TableInfo info;
        try {
            info = c.store().createTable(db, name, new TableOptions(pk, durability));
        } catch (StorageException e) {
            if (e.code() == StorageException.Code.TABLE_EXISTS) {
                throw new ReqlOpFailedError("Table `" + db + "." + name + "` already exists.");
            }
            throw new ReqlOpFailedError("Database `" + db + "` does not exist.");
        }
        if (replication.shards() != 1) {
            c.settings().setShards(info.id(), (int) replication.shards());
        }
        return Changes.result("tables_created", 1, "config_changes",
                Changes.pair(NullDatum.INSTANCE, TableRows.config(c.system().context(), info, false)));
    }

    private static Object tableDrop(Term t, Env env) {
        String db = dbOf(t, env, 2);
        String name = Names.check(t.stringArg(env, t.argCount() - 1), "Table");
        StoreCatalog c = TableArgs.catalog(env);
        if (db.equals(SystemDatabase.NAME)) {
            throw new ReqlOpFailedError("Database `rethinkdb` is special; you can't drop tables in it.");
        }
        Datum oldConfig;
        TableInfo info;
        try {
            info = c.store().table(db, name).info();
            io.reqldb.query.terms.admin.Permissions.require(env, "config", info);
            oldConfig = TableRows.config(c.system().context(), info, false);
            c.store().dropTable(db, name);
        } catch (StorageException e) {
            if (e.code() == StorageException.Code.DB_MISSING) {
                throw new ReqlOpFailedError("Database `" + db + "` does not exist.");
            }
            throw new ReqlOpFailedError("Table `" + db + "." + name + "` does not exist.");
        }
        c.settings().forget(info.id());
        return Changes.result("tables_dropped", 1, "config_changes", Changes.pair(oldConfig, NullDatum.INSTANCE));
    }

    private static Object tableList(Term t, Env env) {
        String db = dbOf(t, env, 1);
        List<Datum> out = new ArrayList<>();
        if (db.equals(SystemDatabase.NAME)) {
            SystemDatabase.VISIBLE_TABLES.forEach(n -> out.add(new StringDatum(n)));
            return ArrayTerms.limited(out, env);
        }
        StoreCatalog c = TableArgs.catalog(env);
        try {
            c.store().tables(db).forEach(ti -> out.add(new StringDatum(ti.name())));
        } catch (StorageException e) {
            throw new ReqlOpFailedError("Database `" + db + "` does not exist.");
        }
        return ArrayTerms.limited(out, env);
    }
}

package io.reqldb.query.terms;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.admin.TableArgs;
import io.reqldb.query.terms.index.IndexCreate;
import io.reqldb.query.terms.index.IndexStatusRows;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.StorageException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Secondary indexes: create (from a function or a stored blob), drop, list, rename, status, wait. */
public final class IndexTerms implements TermFamily {
    private static final long WAIT_LIMIT_MS = 60 * 60 * 1000;

    @Override
    public void register(TermRegistry r) {
        r.term(TermType.INDEX_CREATE).args(2, 3).optargs("multi", "geo").notGroupable().body(IndexCreate::eval);
        r.term(TermType.INDEX_DROP).args(2).notGroupable().body(IndexTerms::drop);
        r.term(TermType.INDEX_LIST).args(1).notGroupable().body((t, env) -> {
            List<Datum> names = new ArrayList<>();
            for (IndexStatus s : TableArgs.table(t, env, 0).storage().indexes()) {
                names.add(new StringDatum(s.definition().name()));
            }
            return ArrayDatum.wrap(names);
        });
        r.term(TermType.INDEX_RENAME).args(3).optargs("overwrite").notGroupable().body(IndexTerms::rename);
        r.term(TermType.INDEX_STATUS).args(1, -1).notGroupable().body((t, env) -> status(t, env, false));
        r.term(TermType.INDEX_WAIT).args(1, -1).notGroupable().body((t, env) -> status(t, env, true));
    }

    private static Object drop(Term t, Env env) {
        TableRef table = TableArgs.table(t, env, 0);
        String name = t.stringArg(env, 1);
        io.reqldb.query.terms.admin.Permissions.require(env, "config", table);
        try {
            table.storage().dropIndex(name);
        } catch (StorageException e) {
            if (e.code() == StorageException.Code.INDEX_MISSING) {
                throw new ReqlOpFailedError("Index `" + name + "` does not exist on table `"
                        + table.qualifiedName() + "`.");
            }
            throw table.translate(e, name);
        }
        return ObjectDatum.of("dropped", NumberDatum.of(1));
    }

    private static Object rename(Term t, Env env) {
        TableRef table = TableArgs.table(t, env, 0);
        String from = t.stringArg(env, 1);
        String to = t.stringArg(env, 2);
        boolean overwrite = t.optargBool(env, "overwrite", false);
        io.reqldb.query.terms.admin.Permissions.require(env, "config", table);
        if (TableArgs.isSystem(table)) {
            throw new ReqlOpFailedError("Index `" + from + "` does not exist on table `" + table.qualifiedName() + "`.");
        }
        String pk = table.primaryKey();
        for (String n : List.of(from, to)) {
            if (n.equals(pk)) {
                throw new ReqlQueryLogicError("Index name conflict: `" + n + "` is the name of the primary key.");
            }
        }
        Set<String> existing = new LinkedHashSet<>();
        for (IndexStatus s : table.storage().indexes()) {
            existing.add(s.definition().name());
        }
        if (!existing.contains(from) || (!from.equals(to) && existing.contains(to) && !overwrite)) {
            throw new ReqlOpFailedError("Index `" + from + "` does not exist or index `" + to
                    + "` already exists on table `" + table.qualifiedName() + "`.");
        }
        if (from.equals(to)) {
            return ObjectDatum.of("renamed", NumberDatum.of(0));
        }
        table.translate(() -> {
            table.storage().renameIndex(from, to, overwrite);
            return null;
        });
        return ObjectDatum.of("renamed", NumberDatum.of(1));
    }

    /** index_status, and index_wait which polls until every selected index is ready. */
    private static Object status(Term t, Env env, boolean wait) {
        TableRef table = TableArgs.table(t, env, 0);
        Set<String> wanted = new LinkedHashSet<>();
        for (int i = 1; i < t.argCount(); i++) {
            wanted.add(t.stringArg(env, i));
        }
        long deadline = System.currentTimeMillis() + WAIT_LIMIT_MS;
        long pause = 10;
        while (true) {
            List<IndexStatus> all = table.storage().indexes();
            Set<String> missing = new LinkedHashSet<>(wanted);
            List<Datum> rows = new ArrayList<>();
            boolean ready = true;
            for (IndexStatus s : all) {
                String name = s.definition().name();
                if (!wanted.isEmpty() && !wanted.contains(name)) {
                    continue;
                }
                missing.remove(name);
                ready &= s.ready();
                rows.add(IndexStatusRows.row(s));
            }
            if (!missing.isEmpty()) {
                String first = new java.util.TreeSet<>(missing).first();
                throw new ReqlOpFailedError("Index `" + first + "` was not found on table `"
                        + table.qualifiedName() + "`.");
            }
            if (!wait || ready || System.currentTimeMillis() > deadline) {
                return ArrayDatum.wrap(rows);
            }
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return ArrayDatum.wrap(rows);
            }
            pause = Math.min(pause * 2, 500);
        }
    }

}

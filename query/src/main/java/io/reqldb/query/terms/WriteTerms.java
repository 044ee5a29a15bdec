package io.reqldb.query.terms;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.datum.Literals;
import io.reqldb.query.terms.write.Determinism;
import io.reqldb.query.terms.write.RowWriter;
import io.reqldb.query.terms.write.WriteContext;
import java.util.function.UnaryOperator;

/** {@code insert}, {@code update}, {@code replace}, {@code delete}: RethinkDB's write terms and result objects. */
public final class WriteTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.INSERT).args(2)
                .optargs("conflict", "durability", "return_vals", "return_changes", "ignore_write_hook")
                .notGroupable().body(WriteTerms::insert);
        r.term(TermType.UPDATE).args(2)
                .optargs("non_atomic", "durability", "return_vals", "return_changes", "ignore_write_hook")
                .notGroupable().body((t, env) -> replaceLike(t, env, true));
        r.term(TermType.REPLACE).args(2)
                .optargs("non_atomic", "durability", "return_vals", "return_changes", "ignore_write_hook")
                .notGroupable().body((t, env) -> replaceLike(t, env, false));
        r.term(TermType.DELETE).args(1)
                .optargs("durability", "return_vals", "return_changes", "ignore_write_hook")
                .notGroupable().body(WriteTerms::delete);
    }

    private static Object insert(Term t, Env env) {
        TableValue tv = t.inArg(0, () -> Values.toTable(t.arg(env, 0)));
        if (tv.isSlice()) {
            throw Values.typeError("TABLE", tv).addFrame(0);
        }
        TableRef table = tv.ref();
        WriteContext wc = WriteContext.parse(t, env, table);
        Object conflict = t.optarg(env, "conflict");
        FuncValue conflictFunc = null;
        String conflictMode = "error";
        if (conflict instanceof FuncValue f) {
            if (!Determinism.isDeterministic(t.rawOptarg("conflict"), true)) {
                throw new ReqlQueryLogicError("The conflict function passed to `insert` must be deterministic.");
            }
            if (f.arity() != 3 && f.arity() != 0) {
                throw new ReqlQueryLogicError("The conflict function passed to `insert` should expect 3 arguments.");
            }
            conflictFunc = f;
        } else if (conflict != null) {
            conflictMode = t.inOptarg("conflict", () -> ((StringDatum) Values.expect(Values.toDatum(conflict),
                    io.reqldb.datum.DatumType.STRING)).value());
            if (!conflictMode.equals("error") && !conflictMode.equals("replace") && !conflictMode.equals("update")) {
                throw new ReqlQueryLogicError("Conflict option `" + conflictMode + "` unrecognized "
                        + "(options are \"error\", \"replace\" and \"update\").");
            }
        }
        RowWriter writer = wc.writer(env);
        Object docs = t.arg(env, 1);
        String pk = table.primaryKey();
        FuncValue cf = conflictFunc;
        String mode = conflictMode;
        Batch batch = new Batch(writer);
        if (docs instanceof Datum d && d instanceof ObjectDatum && d.type() == io.reqldb.datum.DatumType.OBJECT) {
            insertOne(batch, (ObjectDatum) d, pk, mode, cf);
        } else {
            try (Sequence seq = t.inArg(1, () -> Values.toSequence(docs))) {
                for (Datum d = seq.next(); d != null; d = seq.next()) {
                    if (d instanceof ObjectDatum o && o.type() == io.reqldb.datum.DatumType.OBJECT) {
                        insertOne(batch, o, pk, mode, cf);
                    } else {
                        batch.flush();
                        writer.fail("Expected type OBJECT but found " + d.typeName() + ".");
                    }
                }
            }
        }
        batch.flush();
        return writer.stats().toDatum();
    }

    /** Rows waiting to be written together. */
    private static final class Batch {
        private static final int SIZE = 200;
        private final RowWriter writer;
        private final java.util.List<Datum> keys = new java.util.ArrayList<>();
        private final java.util.List<UnaryOperator<Datum>> changes = new java.util.ArrayList<>();

        Batch(RowWriter writer) {
            this.writer = writer;
        }

        void add(Datum key, UnaryOperator<Datum> change) {
            keys.add(key);
            changes.add(change);
            if (keys.size() >= SIZE) {
                flush();
            }
        }

        void flush() {
            if (!keys.isEmpty()) {
                writer.writeAll(new java.util.ArrayList<>(keys), new java.util.ArrayList<>(changes));
                keys.clear();
                changes.clear();
            }
        }
    }

    private static void insertOne(Batch batch, ObjectDatum doc, String pk, String mode, FuncValue conflictFunc) {
        Datum key = doc.get(pk);
        if (key == null) {
            key = new StringDatum(java.util.UUID.randomUUID().toString());
            java.util.TreeMap<String, Datum> m = doc.toMutableMap();
            m.put(pk, key);
            doc = ObjectDatum.wrap(m);
            batch.writer.stats().generatedKey(key);
        }
        ObjectDatum inserted = doc;
        Datum k = key;
        batch.add(key, old -> {
            if (old == NullDatum.INSTANCE) {
                return inserted;
            }
            if (conflictFunc != null) {
                return conflictFunc.call(new StringDatum(pk), old, inserted);
            }
            return switch (mode) {
                case "replace" -> inserted;
                case "update" -> Literals.merge(old, inserted);
                default -> throw new io.reqldb.query.error.ReqlOpFailedError("Duplicate primary key `" + pk + "`:\n"
                        + io.reqldb.datum.DatumPrinter.print(old) + "\n" + io.reqldb.datum.DatumPrinter.print(inserted));
            };
        });
    }

    /** update (merge the function's result into the row) and replace (use it as the row). */
    private static Object replaceLike(Term t, Env env, boolean update) {
        boolean nonAtomic = t.optargBool(env, "non_atomic", false);
        if (!nonAtomic && !Determinism.isDeterministic(t.rawArg(1), true)) {
            throw new ReqlQueryLogicError("Could not prove argument deterministic.  "
                    + "Maybe you want to use the non_atomic flag?");
        }
        Object target = t.arg(env, 0);
        TableRef table = selectionTable(t, target);
        WriteContext wc = WriteContext.parse(t, env, table);
        RowWriter writer = wc.writer(env);
        UnaryOperator<Datum> change;
        if (update) {
            // RethinkDB rewrites update into a replace whose function evaluates the argument for
            // each row, so an error there (r.error, a missing field) is that row's error.
            FuncValue constant = t.rawArg(1).type() == TermType.FUNC ? t.funcArg(env, 1) : null;
            change = old -> {
                if (old == NullDatum.INSTANCE) {
                    return old;
                }
                FuncValue f = constant != null ? constant : t.funcArg(env, 1);
                Datum patch = f.call(old);
                return patch == NullDatum.INSTANCE ? old : Literals.merge(old, patch);
            };
        } else {
            FuncValue f = t.funcArg(env, 1);
            change = f::call;
        }
        forEachRow(target, table, writer, key -> change);
        return writer.stats().toDatum();
    }

    private static Object delete(Term t, Env env) {
        Object target = t.arg(env, 0);
        TableRef table = selectionTable(t, target);
        WriteContext wc = WriteContext.parse(t, env, table);
        RowWriter writer = wc.writer(env);
        forEachRow(target, table, writer, key -> old -> NullDatum.INSTANCE);
        return writer.stats().toDatum();
    }

    /** The table a selection writes to; RethinkDB's type error for anything else. */
    private static TableRef selectionTable(Term t, Object target) {
        if (target instanceof SingleSelection s) {
            return s.table();
        }
        if (target instanceof TableValue tv) {
            return tv.ref();
        }
        if (target instanceof Sequence s && s.table() != null) {
            return s.table();
        }
        throw Values.typeError("SELECTION", target).addFrame(0);
    }

    /** Calls {@code body} with the primary key of each row of a selection. */
    private static void forEachRow(Object target, TableRef table, RowWriter writer,
                                   java.util.function.Function<Datum, UnaryOperator<Datum>> change) {
        Batch batch = new Batch(writer);
        if (target instanceof SingleSelection s) {
            batch.add(s.primaryKey(), change.apply(s.primaryKey()));
            batch.flush();
            return;
        }
        String pk = table.primaryKey();
        try (Sequence seq = Values.toSequence(target)) {
            java.util.List<Datum> keys = new java.util.ArrayList<>();
            for (Datum row = seq.next(); row != null; row = seq.next()) {
                if (row instanceof ObjectDatum o && o.get(pk) != null) {
                    keys.add(o.get(pk));
                }
            }
            keys.forEach(k -> batch.add(k, change.apply(k)));
            batch.flush();
        }
    }
}

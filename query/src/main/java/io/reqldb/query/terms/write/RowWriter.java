package io.reqldb.query.terms.write;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlRuntimeError;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.TableRef;
import io.reqldb.storage.Durability;
import io.reqldb.storage.Table;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.UnaryOperator;

/**
 * Writes rows one at a time, RethinkDB's way: the change function runs inside the storage's
 * atomic read-modify-write, its result is validated (object, primary key present and unchanged,
 * no minval/maxval), the table's write hook gets the last word, and the outcome lands in the
 * {@link WriteStats}; an error on one row is counted there and the others go on.
 */
public final class RowWriter {
    private final TableRef table;
    private final Durability durability;
    private final WriteStats stats;
    private final FuncValue hook;
    private final TimeDatum now;

    public RowWriter(TableRef table, Durability durability, WriteStats stats, FuncValue hook, TimeDatum now) {
        this.table = table;
        this.durability = durability;
        this.stats = stats;
        this.hook = hook;
        this.now = now;
    }

    public WriteStats stats() {
        return stats;
    }

    /** Replaces the row under {@code key} by {@code change(current)}; NullDatum means absent. */
    public void write(Datum key, UnaryOperator<Datum> change) {
        writeAll(List.of(key), List.of(change));
    }

    /**
     * Applies many changes, in one storage batch for user tables (system tables row by row);
     * results land in the stats in the order given. A row's error never stops the others.
     */
    public void writeAll(List<Datum> keys, List<UnaryOperator<Datum>> changes) {
        int n = keys.size();
        Outcome[] outcomes = new Outcome[n];
        List<Datum> batchKeys = new ArrayList<>(n);
        List<UnaryOperator<Datum>> batchChanges = new ArrayList<>(n);
        List<Integer> positions = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Outcome o = new Outcome();
            outcomes[i] = o;
            Datum key = keys.get(i);
            try {
                PrimaryKeys.check(key);
            } catch (ReqlRuntimeError e) {
                o.error = e.getMessage();
                continue;
            }
            UnaryOperator<Datum> change = changes.get(i);
            batchKeys.add(key);
            positions.add(i);
            batchChanges.add(current -> {
                Datum old = current == null ? NullDatum.INSTANCE : current;
                o.old = old;
                o.error = null;
                try {
                    Datum next = validate(old, change.apply(old), key);
                    next = applyHook(key, old, next);
                    if (next == NullDatum.INSTANCE) {
                        return null;
                    }
                    return next.equals(old) ? current : next;
                } catch (ReqlRuntimeError e) {
                    o.error = e.getMessage();
                    return current;
                }
            });
        }
        if (io.reqldb.query.terms.admin.TableArgs.isSystem(table)) {
            io.reqldb.query.error.ReqlPermissionError refused = null;
            for (int j = 0; j < batchKeys.size(); j++) {
                Outcome o = outcomes[positions.get(j)];
                Datum key = batchKeys.get(j);
                UnaryOperator<Datum> change = batchChanges.get(j);
                try {
                    o.result = table.translate(() -> table.storage().modify(key, change, durability));
                } catch (io.reqldb.query.error.ReqlPermissionError e) {
                    // As RethinkDB: a row whose change failed never reached the permission check;
                    // a refused row leaves the others to be written, then the whole write fails.
                    if (o.error == null && refused == null) {
                        refused = e;
                    }
                } catch (ReqlRuntimeError e) {
                    o.error = e.getMessage();
                }
            }
            if (refused != null) {
                throw refused;
            }
        } else if (!batchKeys.isEmpty()) {
            List<Table.WriteResult> results = table.translate(
                    () -> table.storage().modifyAll(batchKeys, batchChanges, durability));
            for (int j = 0; j < results.size(); j++) {
                outcomes[positions.get(j)].result = results.get(j);
            }
        }
        for (Outcome o : outcomes) {
            if (o.error != null) {
                stats.error(o.old, o.error);
            } else if (o.result != null) {
                stats.success(orNull(o.result.oldValue()), orNull(o.result.newValue()));
            }
        }
    }

    /** What happened to one row of a batch. */
    private static final class Outcome {
        Datum old = NullDatum.INSTANCE;
        String error;
        Table.WriteResult result;
    }

    /** Records an error for a row that could not even be addressed (bad key, not an object). */
    public void fail(String message) {
        stats.error(NullDatum.INSTANCE, message);
    }

    private static Datum orNull(Datum d) {
        return d == null ? NullDatum.INSTANCE : d;
    }

    /** RethinkDB's checks on a row about to replace {@code old} under {@code key}. */
    private Datum validate(Datum old, Datum next, Datum key) {
        if (next == NullDatum.INSTANCE) {
            return next;
        }
        if (!(next instanceof ObjectDatum obj) || obj.type() != io.reqldb.datum.DatumType.OBJECT) {
            throw new ReqlQueryLogicError("Inserted value must be an OBJECT (got " + next.typeName() + "):\n"
                    + DatumPrinter.print(next));
        }
        String pkName = table.primaryKey();
        Datum pk = obj.get(pkName);
        if (pk == null) {
            throw new ReqlQueryLogicError("Inserted object must have primary key `" + pkName + "`:\n"
                    + DatumPrinter.print(next));
        }
        if (old != NullDatum.INSTANCE) {
            Datum oldPk = ((ObjectDatum) old).get(pkName);
            if (oldPk != null && !oldPk.equals(pk)) {
                throw new ReqlQueryLogicError("Primary key `" + pkName + "` cannot be changed (`"
                        + DatumPrinter.print(old) + "` -> `" + DatumPrinter.print(next) + "`).");
            }
        }
        if (DatumOrder.compare(pk, key) != 0) {
            throw new ReqlQueryLogicError(old == NullDatum.INSTANCE
                    ? "Primary key `" + pkName + "` cannot be changed (null -> " + DatumPrinter.print(next) + ")"
                    : "Primary key `" + pkName + "` cannot be changed (" + DatumPrinter.print(old) + " -> "
                            + DatumPrinter.print(next) + ")");
        }
        PrimaryKeys.checkStorable(next);
        return next;
    }

    private Datum applyHook(Datum key, Datum old, Datum next) {
        if (hook == null || (old == NullDatum.INSTANCE && next == NullDatum.INSTANCE)) {
            return next;
        }
        TreeMap<String, Datum> ctx = ObjectDatum.newFieldMap();
        ctx.put("primary_key", key);
        ctx.put("timestamp", now);
        Datum hooked;
        try {
            hooked = hook.call(ObjectDatum.wrap(ctx), old, next);
        } catch (ReqlError e) {
            throw new ReqlQueryLogicError("Error in write hook: " + e.getMessage());
        }
        if (next == NullDatum.INSTANCE && hooked != NullDatum.INSTANCE) {
            throw new ReqlQueryLogicError("A write hook function must not turn a deletion into a replace/insert.");
        }
        if (next != NullDatum.INSTANCE && hooked == NullDatum.INSTANCE) {
            throw new ReqlQueryLogicError("A write hook function must not turn a replace/insert into a deletion.");
        }
        return validate(old, hooked, key);
    }
}

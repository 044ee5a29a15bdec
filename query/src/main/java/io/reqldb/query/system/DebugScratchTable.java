package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.ObjectDatum;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/** {@code rethinkdb._debug_scratch}: a writable in-memory table, as RethinkDB has for tests. */
public final class DebugScratchTable extends SystemTable {
    private final TreeMap<Datum, Datum> rows;

    public DebugScratchTable(SystemContext system, boolean uuidFormat, TreeMap<Datum, Datum> rows) {
        super(system, "_debug_scratch", uuidFormat);
        this.rows = rows;
    }

    /** The shared row map every instance of this table reads and writes. */
    public static TreeMap<Datum, Datum> newStore() {
        return new TreeMap<>(DatumOrder.COMPARATOR);
    }

    @Override
    public boolean adminOnly() {
        return true;
    }

    @Override
    protected List<Datum> rows() {
        synchronized (rows) {
            return new ArrayList<>(rows.values());
        }
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        synchronized (rows) {
            if (newRow == null) {
                rows.remove(key);
            } else {
                rows.put(key, newRow);
            }
        }
    }
}

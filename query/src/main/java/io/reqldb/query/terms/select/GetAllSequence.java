package io.reqldb.query.terms.select;

import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.term.Term;
import io.reqldb.query.terms.seq.IndexValues;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.StorageException;
import java.util.Iterator;
import java.util.List;

/**
 * The rows of {@code get_all}: for each key in RethinkDB's order (duplicates kept), the row with
 * that primary key or the rows with that index value. A selection on its table.
 *
 * <p>As in RethinkDB, the index is looked up when the rows are first read, not when get_all is
 * evaluated: a term that refuses a selection ({@code do}) says so before a missing or geospatial
 * index is reported, and no keys read no index. Such errors are get_all's own.
 */
public final class GetAllSequence extends Sequence {
    private final Term origin;
    private final TableRef table;
    private final String index;
    private final Iterator<Datum> keys;
    private DocumentCursor cursor;
    private boolean indexChecked;

    /** {@code index} null means the primary key; {@code origin} is the get_all term. */
    public GetAllSequence(Term origin, TableRef table, String index, List<Datum> keys) {
        this.origin = origin;
        this.table = table;
        this.index = index;
        this.keys = keys.iterator();
    }

    @Override
    public Datum next() {
        try {
            return read();
        } catch (ReqlError e) {
            throw origin.anchor(e);
        }
    }

    /** RethinkDB's refusal of a geospatial index, once, before the first index read. */
    private void checkIndex() {
        if (!indexChecked) {
            indexChecked = true;
            IndexValues.checkNotGeo(table, index);
        }
    }

    private Datum read() {
        while (true) {
            pollCancellation();
            if (cursor != null) {
                Datum d = cursor.next();
                if (d != null) {
                    return d;
                }
                cursor.close();
                cursor = null;
            }
            if (!keys.hasNext()) {
                return null;
            }
            Datum key = keys.next();
            if (index == null) {
                Datum row = table.translate(() -> table.storage().get(key));
                if (row != null) {
                    return row;
                }
            } else {
                checkIndex();
                try {
                    cursor = table.storage().indexScan(index, KeyRange.exactly(key), false);
                } catch (StorageException e) {
                    throw table.translate(e, index);
                }
            }
        }
    }

    /**
     * How many rows {@link #next} would still return, counted by storage from keys alone, so
     * {@code get_all(...).count()} reads no documents. Consumes the sequence.
     */
    public long count() {
        try {
            return countRest();
        } catch (ReqlError e) {
            throw origin.anchor(e);
        }
    }

    private long countRest() {
        long n = 0;
        if (cursor != null) {
            while (cursor.next() != null) {
                n++;
            }
            close();
        }
        while (keys.hasNext()) {
            KeyRange exact = KeyRange.exactly(keys.next());
            if (index != null) {
                checkIndex();
            }
            try {
                n += table.storage().countRange(index, exact);
            } catch (StorageException e) {
                throw table.translate(e, index);
            }
        }
        return n;
    }

    @Override
    public TableRef table() {
        return table;
    }

    @Override
    public void close() {
        if (cursor != null) {
            cursor.close();
            cursor = null;
        }
    }
}

package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import io.reqldb.storage.DocumentCursor;

/**
 * Rows read from a table through a storage cursor, opened lazily on first read. A scan of the
 * whole table can be split into key ranges of one snapshot, to be read on several cores.
 */
public final class CursorSequence extends Sequence {
    /** Parts smaller than this are not worth a thread: splitting costs more than it saves. */
    public static final long MIN_ROWS_PER_PART = 5_000;

    private final TableRef table;
    private final java.util.function.Supplier<DocumentCursor> opener;
    private final boolean wholeTable;
    private DocumentCursor cursor;
    private boolean closed;

    public CursorSequence(TableRef table, java.util.function.Supplier<DocumentCursor> opener) {
        this(table, opener, false);
    }

    /** @param wholeTable whether {@code opener} scans the whole table in primary-key order */
    public CursorSequence(TableRef table, java.util.function.Supplier<DocumentCursor> opener, boolean wholeTable) {
        this.table = table;
        this.opener = opener;
        this.wholeTable = wholeTable;
    }

    @Override
    public java.util.List<Sequence> split(int parts) {
        if (!wholeTable || cursor != null || closed) {
            return null;
        }
        long rows = table.translate(() -> table.storage().count());
        int n = (int) Math.min(parts, rows / MIN_ROWS_PER_PART);
        if (n < 2) {
            return null;
        }
        java.util.List<Sequence> out = new java.util.ArrayList<>();
        for (DocumentCursor c : table.translate(() -> table.storage().scanParts(n, rows))) {
            out.add(new CursorSequence(table, () -> c));
        }
        closed = true;
        return out;
    }

    @Override
    public Datum next() {
        if (closed) {
            return null;
        }
        if (cursor == null) {
            cursor = table.translate(opener);
        }
        pollCancellation();
        Datum d = cursor.next();
        if (d == null) {
            close();
        }
        return d;
    }

    @Override
    public TableRef table() {
        return table;
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            if (cursor != null) {
                cursor.close();
            }
        }
    }
}

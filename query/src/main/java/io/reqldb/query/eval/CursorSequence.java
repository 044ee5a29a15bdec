package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import io.reqldb.storage.DocumentCursor;

/** Rows read from a table through a storage cursor, opened lazily on first read. */
public final class CursorSequence extends Sequence {
    private final TableRef table;
    private final java.util.function.Supplier<DocumentCursor> opener;
    private DocumentCursor cursor;
    private boolean closed;

    public CursorSequence(TableRef table, java.util.function.Supplier<DocumentCursor> opener) {
        this.table = table;
        this.opener = opener;
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

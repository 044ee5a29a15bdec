package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.datum.KeyEncoding;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.DocumentTraffic;
import io.reqldb.storage.rocksdb.CatalogView.TableView;

/** Documents of a primary-key range, decoded one at a time as the caller pulls them. */
final class PrimaryCursor implements DocumentCursor {
    private final RangeIterator it;
    private final DocumentTraffic traffic;
    private Datum last;

    /**
     * @param table   the table read, whose primary key places the last document handed out, should
     *                the iterator have to resume after it (see {@link RangeIterator#resumableAfter})
     * @param traffic counts each document handed out as read, with its stored bytes
     */
    PrimaryCursor(RangeIterator it, TableView table, DocumentTraffic traffic) {
        this.it = it.resumableAfter(() -> last == null ? null
                : Keys.document(table.number(), KeyEncoding.encode(((ObjectDatum) last).get(table.info().primaryKey()))));
        this.traffic = traffic;
    }

    @Override
    public Datum next() {
        if (!it.valid()) {
            return null;
        }
        byte[] stored = it.value();
        traffic.read(1, stored.length);
        last = StoredDocument.read(stored);
        it.advance();
        return last;
    }

    @Override
    public void close() {
        it.close();
    }
}

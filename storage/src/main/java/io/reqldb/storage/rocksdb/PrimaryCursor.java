package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.storage.DocumentCursor;

/** Documents of a primary-key range, decoded one at a time as the caller pulls them. */
final class PrimaryCursor implements DocumentCursor {
    private final RangeIterator it;

    PrimaryCursor(RangeIterator it) {
        this.it = it;
    }

    @Override
    public Datum next() {
        if (!it.valid()) {
            return null;
        }
        Datum doc = StoredDocument.read(it.value());
        it.advance();
        return doc;
    }

    @Override
    public void close() {
        it.close();
    }
}

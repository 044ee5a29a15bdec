package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.DocumentTraffic;

/** Documents of a primary-key range, decoded one at a time as the caller pulls them. */
final class PrimaryCursor implements DocumentCursor {
    private final RangeIterator it;
    private final DocumentTraffic traffic;

    /** @param traffic counts each document handed out as read, with its stored bytes */
    PrimaryCursor(RangeIterator it, DocumentTraffic traffic) {
        this.it = it;
        this.traffic = traffic;
    }

    @Override
    public Datum next() {
        if (!it.valid()) {
            return null;
        }
        byte[] stored = it.value();
        traffic.read(1, stored.length);
        Datum doc = StoredDocument.read(stored);
        it.advance();
        return doc;
    }

    @Override
    public void close() {
        it.close();
    }
}

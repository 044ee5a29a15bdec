package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.DocumentTraffic;

/** A cursor that counts the documents it hands out as read. */
final class CountedCursor implements DocumentCursor {
    private final DocumentCursor cursor;
    private final DocumentTraffic traffic;

    CountedCursor(DocumentCursor cursor, DocumentTraffic traffic) {
        this.cursor = cursor;
        this.traffic = traffic;
    }

    @Override
    public Datum next() {
        Datum doc = cursor.next();
        if (doc != null) {
            traffic.read(1);
        }
        return doc;
    }

    @Override
    public Datum currentIndexValue() {
        return cursor.currentIndexValue();
    }

    @Override
    public void close() {
        cursor.close();
    }
}

package io.reqldb.storage;

import java.util.concurrent.atomic.LongAdder;

/**
 * Documents read and written since the store opened, RethinkDB's {@code read_docs_total} and
 * {@code written_docs_total}: of one table, counting also into the whole store's.
 */
public final class DocumentTraffic {
    private final LongAdder read = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final DocumentTraffic whole;

    /** @param whole the store's traffic, which this one's counts also go to; null for the store's own */
    public DocumentTraffic(DocumentTraffic whole) {
        this.whole = whole;
    }

    public void read(long documents) {
        read.add(documents);
        if (whole != null) {
            whole.read(documents);
        }
    }

    public void written(long documents) {
        written.add(documents);
        if (whole != null) {
            whole.written(documents);
        }
    }

    public long readTotal() {
        return read.sum();
    }

    public long writtenTotal() {
        return written.sum();
    }
}

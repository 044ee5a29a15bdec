package io.reqldb.storage;

import java.util.concurrent.atomic.LongAdder;

/**
 * Documents read and written since the store opened, RethinkDB's {@code read_docs_total} and
 * {@code written_docs_total}, with the bytes they took ({@code read_bytes_total},
 * {@code written_bytes_total}): of one table, counting also into the whole store's.
 *
 * <p>Bytes are what the table's reads got from the storage engine (stored documents) and what its
 * writes handed to it (documents, index entries and counts, as logged to the write-ahead log),
 * not the files' later flushes and compactions, which RocksDB shares among all tables.
 */
public final class DocumentTraffic {
    private final LongAdder read = new LongAdder();
    private final LongAdder written = new LongAdder();
    private final LongAdder readBytes = new LongAdder();
    private final LongAdder writtenBytes = new LongAdder();
    private final DocumentTraffic whole;

    /** @param whole the store's traffic, which this one's counts also go to; null for the store's own */
    public DocumentTraffic(DocumentTraffic whole) {
        this.whole = whole;
    }

    public void read(long documents, long bytes) {
        read.add(documents);
        readBytes.add(bytes);
        if (whole != null) {
            whole.read(documents, bytes);
        }
    }

    public void written(long documents, long bytes) {
        written.add(documents);
        writtenBytes.add(bytes);
        if (whole != null) {
            whole.written(documents, bytes);
        }
    }

    public long readTotal() {
        return read.sum();
    }

    public long writtenTotal() {
        return written.sum();
    }

    public long readBytesTotal() {
        return readBytes.sum();
    }

    public long writtenBytesTotal() {
        return writtenBytes.sum();
    }
}

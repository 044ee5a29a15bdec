package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.DocumentTraffic;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDBException;

/**
 * Documents of an index range: walks the index entries and fetches their documents with one
 * multi-get per batch of entries. Batches start small, so a query that wants one row reads
 * little, and grow to amortize the round trips of long scans. Entries and documents are read
 * from the same snapshot, so a document is always the one its entry was written for.
 */
final class IndexCursor implements DocumentCursor {
    private static final int FIRST_BATCH = 8;
    private static final int MAX_BATCH = 256;

    private final StoreContext ctx;
    private final RangeIterator it;
    private final List<byte[]> entries = new ArrayList<>();
    private final List<byte[]> docKeys = new ArrayList<>();
    private List<byte[]> docs = List.of();
    private int pos;
    private int batch = FIRST_BATCH;
    private byte[] currentEntry;

    private final DocumentTraffic traffic;

    /** @param traffic counts each document handed out as read, with its stored bytes */
    IndexCursor(StoreContext ctx, RangeIterator it, DocumentTraffic traffic) {
        this.ctx = ctx;
        this.it = it;
        this.traffic = traffic;
    }

    @Override
    public Datum next() {
        while (true) {
            if (pos == docs.size() && !fill()) {
                return null;
            }
            byte[] doc = docs.get(pos);
            currentEntry = entries.get(pos);
            pos++;
            if (doc != null) {
                traffic.read(1, doc.length);
                return StoredDocument.read(doc);
            }
        }
    }

    /**
     * Decoded from the entry key. Times come back with their zones from index-key version 2 on;
     * an index built under version 1 (outdated) gives them back in UTC.
     */
    @Override
    public Datum currentIndexValue() {
        if (currentEntry == null) {
            throw new IllegalStateException("next() has not returned a document yet");
        }
        return Keys.indexValue(currentEntry);
    }

    private boolean fill() {
        entries.clear();
        docKeys.clear();
        pos = 0;
        while (entries.size() < batch && it.valid()) {
            byte[] entry = it.key();
            entries.add(entry);
            docKeys.add(Keys.documentOfEntry(entry, Keys.primaryKeyStart(entry)));
            it.advance();
        }
        batch = Math.min(batch * 4, MAX_BATCH);
        if (entries.isEmpty()) {
            docs = List.of();
            return false;
        }
        try {
            docs = DocumentMultiGet.read(ctx, it.readOptions(), docKeys);
        } catch (RocksDBException e) {
            throw Rocks.failure("multi-get", e);
        }
        return true;
    }

    @Override
    public void close() {
        it.close();
    }
}

package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ExtremeDatum;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.rocksdb.CatalogView.IndexView;
import io.reqldb.storage.rocksdb.CatalogView.TableView;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;

/**
 * Adds one document change to a write batch: the document itself and the difference between its
 * old and new index entries, so an update that leaves an index value alone writes nothing for
 * that index.
 */
final class DocumentWrites {
    static final byte[] EMPTY = new byte[0];

    /** Above this many entries per side, diff with a hash set instead of nested loops. */
    private static final int SMALL = 8;

    private DocumentWrites() {
    }

    /**
     * @param record {@code neu}'s stored form ({@link DocumentCodec#encode}), null when deleting
     * @return the change in document count: +1 insert, -1 delete, 0 otherwise
     * @throws IllegalStateException when an index has no function because no compiler was set
     */
    static int add(WriteBatch batch, StoreContext ctx, TableView t, byte[] docKey, byte[] pk, Datum old, Datum neu,
                   byte[] record) throws RocksDBException {
        if (neu == null) {
            batch.delete(ctx.documents(), docKey);
        } else {
            batch.put(ctx.documents(), docKey, record);
        }
        for (IndexView ix : t.indexes().values()) {
            List<byte[]> before = entries(t, ix, old, pk);
            List<byte[]> after = entries(t, ix, neu, pk);
            for (byte[] k : minus(before, after)) {
                batch.delete(ctx.indexes(), k);
            }
            for (byte[] k : minus(after, before)) {
                batch.put(ctx.indexes(), k, EMPTY);
            }
        }
        return (neu != null ? 1 : 0) - (old != null ? 1 : 0);
    }

    /** The index-entry keys of one document. */
    static List<byte[]> entries(TableView t, IndexView ix, Datum doc, byte[] pk) {
        if (doc == null) {
            return List.of();
        }
        List<Datum> values = values(ix, doc);
        List<byte[]> keys = new ArrayList<>(values.size());
        for (Datum v : values) {
            // minval and maxval only bound ranges; as stored values they would hide behind the bounds.
            if (v != null && !(v instanceof ExtremeDatum)) {
                keys.add(Keys.indexEntry(t.number(), ix.number(), v, pk, ix.definition().formatVersion()));
            }
        }
        return keys;
    }

    private static List<Datum> values(IndexView ix, Datum doc) {
        IndexFunction f = ix.function();
        if (f == null) {
            throw new IllegalStateException("index `" + ix.definition().name()
                    + "` has no function yet: call Store.setIndexFunctionCompiler before writing");
        }
        try {
            return f.keys(doc);
        } catch (RuntimeException e) {
            // RethinkDB's rule: a document the function cannot index is left out of the index.
            return List.of();
        }
    }

    private static List<byte[]> minus(List<byte[]> a, List<byte[]> b) {
        if (a.isEmpty() || b.isEmpty()) {
            return a;
        }
        List<byte[]> out = new ArrayList<>(a.size());
        if (a.size() <= SMALL && b.size() <= SMALL) {
            for (byte[] x : a) {
                boolean found = false;
                for (byte[] y : b) {
                    if (Arrays.equals(x, y)) {
                        found = true;
                        break;
                    }
                }
                if (!found) {
                    out.add(x);
                }
            }
            return out;
        }
        Set<ByteBuffer> set = new HashSet<>();
        for (byte[] y : b) {
            set.add(ByteBuffer.wrap(y));
        }
        for (byte[] x : a) {
            if (!set.contains(ByteBuffer.wrap(x))) {
                out.add(x);
            }
        }
        return out;
    }
}

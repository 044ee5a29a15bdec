package io.reqldb.storage.rocksdb;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.rocksdb.ReadOptions;
import org.rocksdb.RocksDBException;

/**
 * Reads several documents at once. RocksDB's Java multi-get answers a key it could not read the
 * same way as an absent one, with null. Taken for absent, such a document would be left out of an
 * index build, an index read or a batch write's old value. So each null is read again on its own,
 * which finds the document, confirms it absent, or throws the read's error.
 */
final class DocumentMultiGet {
    private DocumentMultiGet() {}

    /** The documents at {@code docKeys}, null where there is none. */
    static List<byte[]> read(StoreContext ctx, ReadOptions options, List<byte[]> docKeys) throws RocksDBException {
        List<byte[]> docs = new ArrayList<>(
                ctx.db().multiGetAsList(options, Collections.nCopies(docKeys.size(), ctx.documents()), docKeys));
        for (int i = 0; i < docs.size(); i++) {
            if (docs.get(i) == null) {
                docs.set(i, ctx.db().get(ctx.documents(), options, docKeys.get(i)));
            }
        }
        return docs;
    }
}

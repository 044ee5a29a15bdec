package io.reqldb.storage.rocksdb;

import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Format 1 → 2, documents: rewrites every document in the compact encoding of
 * {@link DocumentCodec}. Resumable: each chunk commits with the last key it rewrote, and a
 * rerun starts after it (rewriting a document twice is harmless anyway).
 */
final class V2Documents implements MigrationStep {
    @Override
    public int from() {
        return 1;
    }

    @Override
    public String description() {
        return "v1→v2 documents: re-encode every document compactly (one-byte small integers and short strings)";
    }

    @Override
    public void run(MigrationRun run) {
        StoreContext ctx = run.ctx();
        byte[] resume = run.resumeKey();
        long done = 0;
        try (RocksIterator it = ctx.db().newIterator(ctx.documents())) {
            if (resume == null) {
                it.seekToFirst();
            } else {
                it.seek(resume);
                if (it.isValid() && java.util.Arrays.equals(it.key(), resume)) {
                    it.next();
                }
            }
            while (it.isValid()) {
                try (WriteBatch batch = new WriteBatch()) {
                    byte[] last = null;
                    for (int n = 0; n < run.chunkSize() && it.isValid(); n++, it.next()) {
                        last = it.key();
                        batch.put(ctx.documents(), last, DocumentCodec.encode(DocumentCodec.decode(it.value())));
                        done++;
                    }
                    run.commit(batch, last);
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw Rocks.failure("migration (documents)", e);
        }
        run.log("rewrote {} documents", done);
    }
}

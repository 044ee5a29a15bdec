package io.reqldb.storage.rocksdb;

import io.reqldb.storage.Snapshot;
import io.reqldb.storage.TableReader;
import io.reqldb.storage.rocksdb.CatalogView.TableView;
import org.rocksdb.ReadOptions;

/**
 * A RocksDB snapshot paired with the catalog version current when it was taken, so tables,
 * index readiness and data all come from the same instant. Close cursors before the snapshot.
 */
final class RocksSnapshot implements Snapshot {
    private final StoreContext ctx;
    private final CatalogView view;
    private final org.rocksdb.Snapshot snapshot;
    private final ReadOptions reads;
    private boolean closed;

    RocksSnapshot(StoreContext ctx, CatalogView view, org.rocksdb.Snapshot snapshot) {
        this.ctx = ctx;
        this.view = view;
        this.snapshot = snapshot;
        this.reads = new ReadOptions().setSnapshot(snapshot);
        ctx.lifecycle().track(this);
    }

    @Override
    public TableReader table(String db, String name) {
        ctx.lifecycle().check();
        TableView t = view.table(db, name);
        return new TableReads(ctx, () -> t, snapshot, reads);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ctx.lifecycle().untrack(this);
        reads.close();
        ctx.db().releaseSnapshot(snapshot);
    }
}

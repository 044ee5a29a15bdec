package io.reqldb.storage.rocksdb;

import io.reqldb.storage.DocumentTraffic;
import io.reqldb.storage.Snapshot;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.StorageException.Code;
import io.reqldb.storage.TableReader;
import io.reqldb.storage.rocksdb.CatalogView.TableView;
import java.util.UUID;
import java.util.function.Function;
import org.rocksdb.ReadOptions;

/**
 * A RocksDB snapshot paired with the catalog version current when it was taken, so tables,
 * index readiness and data all come from the same instant.
 *
 * <p>Reads hold the snapshot while they use it ({@link #enter}/{@link #exit}: a point read for its
 * duration, a cursor until it is closed), and {@link #close} frees the native snapshot only once
 * the last of them has let go. A snapshot may be released by one client while another's query
 * still reads it (a cancelled dump, an expired ttl); freeing it under a live iterator would crash
 * the process. Reads that would start after the close are refused instead.
 */
final class RocksSnapshot implements Snapshot {
    private final StoreContext ctx;
    private final CatalogView view;
    private final org.rocksdb.Snapshot snapshot;
    private final ReadOptions reads;
    /** Each table's traffic: reads as of a snapshot (dumps) count as any other. */
    private final Function<UUID, DocumentTraffic> traffic;
    // Guarded by this.
    private int readers;
    private boolean closed;

    RocksSnapshot(StoreContext ctx, CatalogView view, org.rocksdb.Snapshot snapshot,
                  Function<UUID, DocumentTraffic> traffic) {
        this.ctx = ctx;
        this.traffic = traffic;
        this.view = view;
        this.snapshot = snapshot;
        this.reads = new ReadOptions().setSnapshot(snapshot);
        ctx.lifecycle().track(this);
    }

    @Override
    public TableReader table(String db, String name) {
        ctx.lifecycle().check();
        TableView t = view.table(db, name);
        return new TableReads(ctx, () -> t, this, traffic.apply(t.info().id()));
    }

    org.rocksdb.Snapshot snapshot() {
        return snapshot;
    }

    /** Options for point reads as of this snapshot. */
    ReadOptions reads() {
        return reads;
    }

    /** A read starts using the snapshot; pair with {@link #exit}. */
    synchronized void enter() {
        if (closed) {
            throw new StorageException(Code.SNAPSHOT_RELEASED,
                    "The snapshot this query reads was released while the query ran.");
        }
        readers++;
    }

    /** A read is done with the snapshot; the last one out after a close frees it. */
    synchronized void exit() {
        readers--;
        if (closed && readers == 0) {
            free();
        }
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        ctx.lifecycle().untrack(this);
        if (readers == 0) {
            free();
        }
    }

    private void free() {
        reads.close();
        ctx.db().releaseSnapshot(snapshot);
    }
}

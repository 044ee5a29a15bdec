package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.Snapshot;
import io.reqldb.storage.Store;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The storage snapshots clients pinned through {@code rethinkdb.snapshots} (a ReqlDB extension
 * for point-in-time dumps). Each is released by deleting its row or, at the latest, when its ttl
 * runs out; queries name one with the {@code snapshot} global optarg and then read as of it.
 */
public final class SnapshotRegistry {
    /** Longest ttl accepted: a forgotten snapshot pins old versions in the store until it expires. */
    public static final double MAX_TTL_SECONDS = 7 * 24 * 3600;

    private record Entry(Snapshot snapshot, double ttl, TimeDatum created, long expiresAtNanos) {}

    private final Store store;
    private final Map<String, Entry> open = new ConcurrentHashMap<>();
    private ScheduledExecutorService expirer;

    SnapshotRegistry(Store store) {
        this.store = store;
    }

    /** Pins the store as it is now under {@code id}, for {@code ttlSeconds}. */
    public void open(String id, double ttlSeconds) {
        if (!(ttlSeconds > 0) || ttlSeconds > MAX_TTL_SECONDS) {
            throw new ReqlOpFailedError("A snapshot's `ttl` must be a number of seconds greater than 0 and at most "
                    + (long) MAX_TTL_SECONDS + ".");
        }
        Snapshot snapshot = store.snapshot();
        long ttlNanos = (long) (ttlSeconds * 1e9);
        Entry entry = new Entry(snapshot, ttlSeconds,
                new TimeDatum(System.currentTimeMillis() / 1000.0, TimeDatum.UTC), System.nanoTime() + ttlNanos);
        if (open.putIfAbsent(id, entry) != null) {
            snapshot.close();
            throw new ReqlOpFailedError("Snapshot `" + id + "` already exists.");
        }
        schedule(id, ttlNanos);
    }

    /** The open snapshot named {@code id}. */
    public Snapshot get(String id) {
        Entry entry = open.get(id);
        if (entry == null || System.nanoTime() - entry.expiresAtNanos() >= 0) {
            if (entry != null) {
                release(id);
            }
            throw new ReqlOpFailedError("Snapshot `" + id + "` does not exist (it was released or it expired).");
        }
        return entry.snapshot();
    }

    /** Releases the snapshot; false when there was none of that id. */
    public boolean release(String id) {
        Entry entry = open.remove(id);
        if (entry == null) {
            return false;
        }
        entry.snapshot().close();
        return true;
    }

    /** The row {@code rethinkdb.snapshots} shows for each open snapshot. */
    public List<Datum> rows() {
        List<Datum> rows = new ArrayList<>();
        long now = System.nanoTime();
        for (Map.Entry<String, Entry> e : open.entrySet()) {
            Entry entry = e.getValue();
            TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
            fields.put("id", new StringDatum(e.getKey()));
            fields.put("ttl", NumberDatum.of(entry.ttl()));
            fields.put("created", entry.created());
            fields.put("expires_in", NumberDatum.of(Math.max(0, (entry.expiresAtNanos() - now) / 1e9)));
            rows.add(ObjectDatum.wrap(fields));
        }
        return rows;
    }

    private synchronized void schedule(String id, long delayNanos) {
        if (expirer == null) {
            expirer = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "snapshot-expiry");
                t.setDaemon(true);
                return t;
            });
        }
        expirer.schedule(() -> {
            Entry entry = open.get(id);
            if (entry != null && System.nanoTime() - entry.expiresAtNanos() >= 0) {
                release(id);
            }
        }, delayNanos, TimeUnit.NANOSECONDS);
    }
}

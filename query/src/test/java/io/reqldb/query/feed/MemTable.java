package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Durability;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableInfo;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;

/**
 * A small in-memory {@link Table} for feed tests: writes to one document are serialized, and
 * listeners hear of each write after it is applied, in order per document (the storage contract).
 */
final class MemTable implements Table {
    private final TableInfo info = new TableInfo(UUID.randomUUID(), "test", UUID.randomUUID(), "t", "id",
            Durability.SOFT);
    private final ConcurrentSkipListMap<Datum, Datum> docs = new ConcurrentSkipListMap<>(DatumOrder::compare);
    private final Map<String, IndexFunction> indexes = new TreeMap<>();
    private final List<ChangeListener> listeners = new CopyOnWriteArrayList<>();
    private final Object[] stripes = new Object[64];

    MemTable() {
        for (int i = 0; i < stripes.length; i++) {
            stripes[i] = new Object();
        }
    }

    int listenerCount() {
        return listeners.size();
    }

    @Override
    public TableInfo info() {
        return info;
    }

    @Override
    public WriteResult modify(Datum primaryKey, UnaryOperator<Datum> change, Durability durability) {
        synchronized (stripes[Math.floorMod(primaryKey.hashCode(), stripes.length)]) {
            Datum old = docs.get(primaryKey);
            Datum neu = change.apply(old);
            if (neu == old) {
                return new WriteResult(old, neu);
            }
            if (neu == null) {
                docs.remove(primaryKey);
            } else {
                docs.put(primaryKey, neu);
            }
            for (ChangeListener l : listeners) {
                l.onChange(old, neu);
            }
            return new WriteResult(old, neu);
        }
    }

    @Override
    public List<WriteResult> modifyAll(List<Datum> keys, List<UnaryOperator<Datum>> changes, Durability d) {
        List<WriteResult> out = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            out.add(modify(keys.get(i), changes.get(i), d));
        }
        return out;
    }

    @Override
    public synchronized void createIndex(IndexDefinition definition, IndexFunction function) {
        indexes.put(definition.name(), function);
    }

    @Override
    public synchronized void dropIndex(String name) {
        indexes.remove(name);
    }

    @Override
    public void renameIndex(String from, String to, boolean overwrite) {
        throw new UnsupportedOperationException();
    }

    @Override
    public List<IndexStatus> indexes() {
        return List.of();
    }

    @Override
    public long count() {
        return docs.size();
    }

    @Override
    public AutoCloseable subscribe(ChangeListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public Datum get(Datum primaryKey) {
        return docs.get(primaryKey);
    }

    @Override
    public DocumentCursor scan(KeyRange range, boolean descending) {
        List<Datum> rows = new ArrayList<>();
        for (Map.Entry<Datum, Datum> e : docs.entrySet()) {
            if (KeyRanges.contains(range, e.getKey())) {
                rows.add(e.getValue());
            }
        }
        if (descending) {
            java.util.Collections.reverse(rows);
        }
        return cursor(rows.iterator());
    }

    @Override
    public DocumentCursor indexScan(String index, KeyRange range, boolean descending) {
        IndexFunction f = indexes.get(index);
        record Entry(Datum key, Datum pk, Datum doc) {
        }
        List<Entry> entries = new ArrayList<>();
        for (Datum doc : docs.values()) {
            for (Datum k : f.keys(doc)) {
                if (KeyRanges.contains(range, k)) {
                    entries.add(new Entry(k, ((ObjectDatum) doc).get("id"), doc));
                }
            }
        }
        Comparator<Entry> order = Comparator.<Entry, Datum>comparing(Entry::key, DatumOrder::compare)
                .thenComparing(Entry::pk, DatumOrder::compare);
        entries.sort(descending ? order.reversed() : order);
        return cursor(entries.stream().map(Entry::doc).iterator());
    }

    private static DocumentCursor cursor(Iterator<Datum> it) {
        return new DocumentCursor() {
            @Override
            public Datum next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {
            }
        };
    }
}

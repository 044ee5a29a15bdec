package io.reqldb.rethinkdata;

import io.reqldb.datum.ByteBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.PriorityQueue;

/**
 * A table's file: one serializer file multiplexed into {@link ProxyBlocks eight stores}, each
 * with its own primary B-tree. A store's superblock is its block 0: {@code "supe"} (before 2.1)
 * or {@code "supf"}, the root block id, the stat block id and the {@link SecondaryIndexes} block id
 * (uint64 each), then the metainfo blob. The stat block holds the store's row count (int64).
 *
 * <p>{@link #rows} merges the stores' trees by key, so rows come in the B-tree's key order —
 * RethinkDB's primary-key order — one at a time.
 */
public final class TableFile implements AutoCloseable {
    private final SerializerFile file;
    /** "table db.name (path)", the start of every error message about this file. */
    private final String where;
    private final List<ProxyBlocks> stores = new ArrayList<>();
    private final long[] roots;
    private final long estimate;

    private TableFile(SerializerFile file, String where) {
        this.file = file;
        this.where = where;
        int proxies = ProxyBlocks.proxyCount(file);
        roots = new long[proxies];
        long count = 0;
        for (int i = 0; i < proxies; i++) {
            ProxyBlocks store = new ProxyBlocks(file, proxies, i);
            stores.add(store);
            byte[] sb = store.block(0);
            if (!Bytes.startsWith(sb, 0, "sup")) {
                throw new RethinkDataException("superblock of store " + i + " (offset " + store.offsetOf(0)
                        + ") has magic \"" + Bytes.magic(sb, 0) + "\", not \"supf\"");
            }
            roots[i] = Bytes.i64(sb, 4);
            long stat = Bytes.i64(sb, 12);
            if (stat != -1 && store.exists(stat)) {
                count += Math.max(0, Bytes.i64(store.block(stat), 0));
            }
        }
        estimate = count;
    }

    /** Opens a table's file read-only; errors name {@code table} (for example "table app.users") and the file. */
    public static TableFile open(Path path, String table) {
        String where = table + " (" + path + ")";
        SerializerFile file;
        try {
            file = SerializerFile.open(path);
        } catch (RethinkDataException e) {
            throw e.in(table);
        }
        try {
            return new TableFile(file, where);
        } catch (RethinkDataException e) {
            file.close();
            throw e.in(where);
        }
    }

    /** The row count the stores' stat blocks record (for progress; the rows read are what count). */
    public long estimatedRows() {
        return estimate;
    }

    /**
     * The secondary indexes defined in the file itself (store 0's secondary-index block, as
     * RethinkDB's migration reads them), for tables from before 2.1.
     */
    public List<TableConfig.IndexDefinition> indexesInFile() {
        try {
            ProxyBlocks store = stores.get(0);
            return SecondaryIndexes.read(store, Bytes.i64(store.block(0), 20));
        } catch (RethinkDataException e) {
            throw e.in(where);
        }
    }

    /** Receives each row's JSON text, valid only during the call. */
    public interface RowSink {
        void row(byte[] json, int length) throws Exception;
    }

    /**
     * Streams every row, in primary-key order, as the JSON a server sends for it. A damaged
     * part of the file stops the walk with an error naming the file and the offset.
     */
    public long rows(RowSink sink) throws Exception {
        return rows(0, sink);
    }

    /**
     * Streams the rows after the first {@code skip} (which are walked past, not decoded), for a
     * copy that continues where an earlier one stopped; returns the rows walked, skipped ones too.
     */
    public long rows(long skip, RowSink sink) throws Exception {
        ByteBuilder json = new ByteBuilder(1 << 12);
        return rows(skip, new ServerJson(json), () -> {
            sink.row(json.toByteArray(), json.length());
            json.reset();
        });
    }

    /** Called once a row is spelt out in full. */
    public interface RowDone {
        void rowDone() throws Exception;
    }

    /**
     * Spells each row after the first {@code skip} out into {@code json}, in primary-key order,
     * calling {@code done} after each: for a caller that writes rows in a spelling of its own.
     * A row that is damaged stops the walk part way through its spelling.
     */
    public long rows(long skip, JsonSink json, RowDone done) throws Exception {
        record Head(BtreeCursor cursor, int store) {
        }
        PriorityQueue<Head> heads = new PriorityQueue<>((a, b) -> Arrays.compareUnsigned(a.cursor.key(), b.cursor.key()));
        for (int i = 0; i < stores.size(); i++) {
            BtreeCursor c = open(i);
            if (advance(c, i)) {
                heads.add(new Head(c, i));
            }
        }
        long rows = 0;
        while (!heads.isEmpty()) {
            Head head = heads.poll();
            BtreeCursor c = head.cursor();
            if (rows >= skip) {
                spell(c, json);
                done.rowDone();
            }
            rows++;
            if (advance(c, head.store())) {
                heads.add(head);
            }
        }
        return rows;
    }

    /** How many stores the file holds (each a B-tree of its own, for {@link ParallelRows}). */
    int storeCount() {
        return stores.size();
    }

    /** Spells the row under {@code c} into {@code json}; a damaged row fails naming its leaf's offset. */
    void spell(BtreeCursor c, JsonSink json) {
        try {
            DatumText.write(new Serial(c.value()), json);
        } catch (RethinkDataException e) {
            throw new RethinkDataException("row in the B-tree leaf at offset " + c.valueOffset() + ": "
                    + e.getMessage()).in(where);
        }
    }

    BtreeCursor open(int store) {
        try {
            return new BtreeCursor(stores.get(store), roots[store], "rdbl");
        } catch (RethinkDataException e) {
            throw new RethinkDataException("store " + store + ": " + e.getMessage()).in(where);
        }
    }

    boolean advance(BtreeCursor c, int store) {
        try {
            return c.next();
        } catch (RethinkDataException e) {
            throw new RethinkDataException("store " + store + ": " + e.getMessage()).in(where);
        }
    }

    @Override
    public void close() {
        file.close();
    }
}

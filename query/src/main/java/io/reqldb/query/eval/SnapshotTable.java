package io.reqldb.query.eval;

import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Durability;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableInfo;
import io.reqldb.storage.TableReader;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A table read as of a pinned snapshot (the {@code snapshot} global optarg): rows come from the
 * snapshot's reader, metadata and index statuses from the live table; writes and changefeeds
 * are refused.
 */
final class SnapshotTable implements Table {
    private final Table live;
    private final TableReader reader;
    private final String qualifiedName;

    SnapshotTable(Table live, TableReader reader, String qualifiedName) {
        this.live = live;
        this.reader = reader;
        this.qualifiedName = qualifiedName;
    }

    private ReqlOpFailedError refused() {
        return new ReqlOpFailedError("Cannot write to table `" + qualifiedName
                + "` in a query that reads a snapshot (the `snapshot` optarg).");
    }

    @Override
    public TableInfo info() {
        return live.info();
    }

    @Override
    public Datum get(Datum primaryKey) {
        return reader.get(primaryKey);
    }

    @Override
    public DocumentCursor scan(KeyRange range, boolean descending) {
        return reader.scan(range, descending);
    }

    @Override
    public DocumentCursor indexScan(String index, KeyRange range, boolean descending) {
        return reader.indexScan(index, range, descending);
    }

    @Override
    public java.util.List<DocumentCursor> scanParts(int parts, long rows) {
        return reader.scanParts(parts, rows);
    }

    @Override
    public WriteResult modify(Datum primaryKey, UnaryOperator<Datum> change, Durability durability) {
        throw refused();
    }

    @Override
    public List<WriteResult> modifyAll(List<Datum> primaryKeys, List<UnaryOperator<Datum>> changes,
            Durability durability) {
        throw refused();
    }

    @Override
    public void createIndex(IndexDefinition definition, IndexFunction function) {
        throw refused();
    }

    @Override
    public void dropIndex(String name) {
        throw refused();
    }

    @Override
    public void renameIndex(String from, String to, boolean overwrite) {
        throw refused();
    }

    @Override
    public List<IndexStatus> indexes() {
        return live.indexes();
    }

    @Override
    public long count() {
        long n = 0;
        try (DocumentCursor cursor = reader.scan(KeyRange.ALL, false)) {
            while (cursor.next() != null) {
                n++;
            }
        }
        return n;
    }

    @Override
    public AutoCloseable subscribe(ChangeListener listener) {
        throw new ReqlOpFailedError("Cannot open a changefeed on table `" + qualifiedName
                + "` in a query that reads a snapshot (the `snapshot` optarg).");
    }
}

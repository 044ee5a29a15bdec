package io.reqldb.tools.export;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.type.TypeReference;
import com.rethinkdb.gen.exc.ReqlDriverError;
import com.rethinkdb.model.OptArgs;
import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import com.rethinkdb.utils.Internals;
import io.reqldb.tools.archive.TableInfo;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.conn.RawJson;
import io.reqldb.tools.format.PyJsonRewriter;
import io.reqldb.tools.format.RowWriter;
import io.reqldb.tools.progress.Progress;
import io.reqldb.tools.progress.ProgressTask;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * Exports one table with the official queries: {@code info()}, {@code index_status()} and
 * {@code get_write_hook()} (raw binary) for the {@code .info}, then the rows in primary-key order
 * as the official {@code order_by(index=<pk>)} gives them, read in pages ({@link PageQuery}) rather
 * than through a cursor: each page is one answer, re-encoded from its JSON text without being
 * decoded ({@link PyJsonRewriter}), while the next page is on its way. A dropped connection is
 * re-opened and the read resumes after the last primary key written (the official tool means to
 * do this but never reconnects).
 */
final class TableExporter {
    private static final int RECONNECT_TRIES = 5;
    /**
     * One row, so that a table of huge documents never has more than two of them in memory (this
     * page and the next); pages then grow eightfold at most towards {@link #PAGE_BYTES}.
     */
    private static final int FIRST_PAGE_ROWS = 1;
    /** Well under RethinkDB's default array limit (100,000), which a page's array must respect. */
    private static final int MAX_PAGE_ROWS = 20_000;
    /** Answer size aimed at: a few server batches, so round trips cost little and memory stays small. */
    private static final long PAGE_BYTES = 2 << 20;
    private static final TypeReference<Map<String, Object>> ROW = new TypeReference<>() {};

    private final Endpoint endpoint;
    /** The command's connection, shared by the tables for their few metadata queries. */
    private final Connection metadata;
    private final ExportSettings settings;
    private final Snapshot snapshot;
    private final boolean writeHooks;

    TableExporter(Endpoint endpoint, Connection metadata, ExportSettings settings, Snapshot snapshot,
            boolean writeHooks) {
        this.endpoint = endpoint;
        this.metadata = metadata;
        this.settings = settings;
        this.snapshot = snapshot;
        this.writeHooks = writeHooks;
    }

    /** Exports the table into the sink and returns its row count. */
    long export(TableRef ref, TableSink sink, Progress progress) throws IOException {
        TableInfo info = InfoQuery.read(metadata, ref, writeHooks);
        ProgressTask task = progress.start(ref.toString(), "rows", estimate(info));
        long rows;
        try (RowWriter writer = settings.format().writer(
                new BufferedOutputStream(sink.openData(ref, settings.format().extension()), 1 << 16),
                settings.fields(), settings.delimiter())) {
            rows = copyRows(ref, info.primaryKey(), writer, task);
        }
        task.total(rows);
        sink.finishTable(ref, settings.format().extension(), info);
        progress.finish(task);
        return rows;
    }

    /**
     * Streams the table's rows into the writer page by page, the next page always in flight while
     * the current one is written. A dropped connection is re-opened and the read goes on after the
     * last page written.
     */
    private long copyRows(TableRef ref, String pk, RowWriter writer, ProgressTask task) throws IOException {
        Connection conn = endpoint.connectRaw();
        try {
            Object written = null; // the last key of the last page written; null before the first page
            int limit = FIRST_PAGE_ROWS;
            long rows = 0;
            int failures = 0;
            // Rows are re-encoded from their text unless they must be decoded: for CSV, or to drop fields.
            boolean asText = writer.takesJsonText() && settings.fields() == null;
            CompletableFuture<Result<Object>> pending = request(conn, ref, pk, null, limit);
            while (pending != null) {
                RawJson answer;
                try {
                    answer = (RawJson) await(pending);
                } catch (ReqlDriverError e) {
                    if (++failures >= RECONNECT_TRIES) {
                        throw e;
                    }
                    conn.close(false); // dropped: no noreply_wait, which would fail
                    conn = endpoint.connectRaw();
                    pending = request(conn, ref, pk, written, limit);
                    continue;
                }
                RawPage page = RawPage.open(answer);
                int asked = limit;
                limit = nextLimit(page, limit);
                pending = page.count() < asked ? null : request(conn, ref, pk, page.lastKey(), limit);
                if (asText) {
                    // A call per row, so that compiled code does the work after the first few
                    // hundred rows: a loop over the rows in this method would run interpreted
                    // until compiled on the stack, after tens of thousands of them.
                    while (page.writeNextRow(writer)) {
                        // written; the page counts its rows
                    }
                } else {
                    writeDecoded(page, writer);
                }
                rows += page.count();
                task.advance(page.count());
                written = page.lastKey();
            }
            return rows;
        } finally {
            conn.close(false); // page queries are never noreply
        }
    }

    /** Decodes each row of the page (for CSV, or to drop fields) and writes it. */
    private void writeDecoded(RawPage page, RowWriter writer) throws IOException {
        byte[] bytes = page.array();
        for (int start = page.nextRow(); start >= 0; start = page.nextRow()) {
            try (JsonParser parser = Internals.getInternalMapper().createParser(bytes, start, bytes.length - start)) {
                Map<String, Object> value = parser.readValueAs(ROW);
                page.rowEnds(start + (int) parser.currentLocation().getByteOffset());
                writer.write(keepFields(value));
            }
        }
    }

    /** Rows for the next page: about {@link #PAGE_BYTES} at this page's size per row, growing gradually. */
    private static int nextLimit(RawPage page, int limit) {
        if (page.count() == 0) {
            return limit;
        }
        long perRow = Math.max(1, page.bytes() / page.count());
        long fit = Math.max(1, PAGE_BYTES / perRow);
        return (int) Math.min(fit, Math.min(MAX_PAGE_ROWS, (long) limit * 8));
    }

    /** Sends a page query; a failure to send shows as a failed future, like a dropped answer. */
    private CompletableFuture<Result<Object>> request(Connection conn, TableRef ref, String pk, Object after,
            int limit) {
        try {
            return PageQuery.of(ref, pk, after, limit).runAsync(conn, readOptions());
        } catch (ReqlDriverError e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private static Object await(CompletableFuture<Result<Object>> pending) {
        try (Result<Object> result = pending.join()) {
            return result.single();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private OptArgs readOptions() {
        OptArgs options = new OptArgs().with("time_format", "raw").with("binary_format", "raw");
        if (settings.readOutdated()) {
            options = options.with("read_mode", "outdated");
        }
        return snapshot.apply(options);
    }

    private Map<String, Object> keepFields(Map<String, Object> row) {
        List<String> fields = settings.fields();
        if (fields == null) {
            return row;
        }
        // Server order, not the order of --fields, as the official export does.
        row.keySet().retainAll(fields);
        return row;
    }

    private static long estimate(TableInfo info) {
        Object estimates = info.fields().get("doc_count_estimates");
        if (!(estimates instanceof List<?> list)) {
            return 0;
        }
        return list.stream().mapToLong(n -> n instanceof Number num ? num.longValue() : 0).sum();
    }
}

package io.reqldb.tools.export;

import com.rethinkdb.gen.exc.ReqlError;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.TableInfo;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.conn.Errors;
import io.reqldb.tools.conn.ServerVersion;
import io.reqldb.tools.progress.Progress;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Exports tables into a {@link TableSink}, up to {@code clients} tables at a time, the rows of
 * each over its own connection. The work of {@code export}; {@code dump} runs it into an archive
 * sink.
 */
public final class Exporter {
    private final Endpoint endpoint;
    private final ExportSettings settings;
    private final Progress progress;
    private final Consumer<String> notes;

    /** {@code notes} receives messages for the user (skipped with --quiet). */
    public Exporter(Endpoint endpoint, ExportSettings settings, Progress progress, Consumer<String> notes) {
        this.endpoint = endpoint;
        this.settings = settings;
        this.progress = progress;
        this.notes = notes;
    }

    /** Totals of a finished export. */
    public record Summary(long rows, int tables, int indexes, int hooks, boolean consistent) {
        /** The official summary line (without its double-counting of indexes). */
        public String line() {
            return String.format("%s exported from %s, with %s, and %s", plural(rows, "row", "rows"),
                    plural(tables, "table", "tables"), plural(indexes, "secondary index", "secondary indexes"),
                    plural(hooks, "hook function", "hook functions"));
        }

        private static String plural(long n, String one, String many) {
            return n + " " + (n == 1 ? one : many);
        }
    }

    /** Exports {@code tables}; the first failure stops the others and is thrown. */
    public Summary run(Connection conn, List<TableRef> tables, TableSink sink) {
        ServerVersion version = ServerVersion.read(conn).requireSupported();
        TableReadiness.await(conn, tables, settings.readOutdated());
        Snapshot snapshot = settings.snapshot() ? Snapshot.open(conn, notes) : Snapshot.none();
        AtomicLong rows = new AtomicLong();
        AtomicReference<Throwable> firstFailure = new AtomicReference<>();
        AtomicInteger indexes = new AtomicInteger();
        AtomicInteger hooks = new AtomicInteger();
        CountingSink counting = new CountingSink(sink, indexes, hooks);
        TableExporter exporter = new TableExporter(endpoint, conn, settings, snapshot, version.hasWriteHooks());
        int threads = Math.max(1, Math.min(settings.clients(), tables.size()));
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "export");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Long>> results = new ArrayList<>();
            for (TableRef table : tables) {
                results.add(pool.submit(() -> {
                    try {
                        return exporter.export(table, counting, progress);
                    } catch (Exception | Error e) {
                        firstFailure.compareAndSet(null, e);
                        throw e;
                    }
                }));
            }
            for (Future<Long> result : results) {
                rows.addAndGet(result.get());
            }
        } catch (ExecutionException e) {
            // The first failure in time is the cause; later ones (closed streams...) are consequences.
            throw failure(firstFailure.get() != null ? firstFailure.get() : e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.failure("Interrupted");
        } finally {
            pool.shutdownNow();
            snapshot.release(conn);
        }
        return new Summary(rows.get(), tables.size(), indexes.get(), hooks.get(), snapshot.consistent());
    }

    private static ToolException failure(Throwable cause) {
        if (cause instanceof ToolException tool) {
            return tool;
        }
        if (cause instanceof ReqlError || cause instanceof IOException) {
            return ToolException.failure(Errors.describe(cause));
        }
        return ToolException.failure("Error: " + cause);
    }

    /** Counts indexes and hooks as tables complete. */
    private record CountingSink(TableSink inner, AtomicInteger indexes, AtomicInteger hooks) implements TableSink {
        @Override
        public OutputStream openData(TableRef table, String extension) throws IOException {
            return inner.openData(table, extension);
        }

        @Override
        public void finishTable(TableRef table, String extension, TableInfo info) throws IOException {
            inner.finishTable(table, extension, info);
            indexes.addAndGet(info.indexes().size());
            if (info.writeHook() != null) {
                hooks.incrementAndGet();
            }
        }
    }
}

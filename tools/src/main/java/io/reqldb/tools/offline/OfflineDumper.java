package io.reqldb.tools.offline;

import io.reqldb.datum.DeepStackThreads;
import io.reqldb.rethinkdata.DataDirectory;
import io.reqldb.rethinkdata.ParallelRows;
import io.reqldb.rethinkdata.RethinkDataException;
import io.reqldb.rethinkdata.TableConfig;
import io.reqldb.rethinkdata.TableFile;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.TableInfo;
import io.reqldb.tools.export.ExportFormat;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.export.TableSink;
import io.reqldb.tools.format.PyJsonDatumRows;
import io.reqldb.tools.format.RowWriter;
import io.reqldb.tools.progress.Progress;
import io.reqldb.tools.progress.ProgressTask;
import java.io.BufferedOutputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/**
 * {@code dump --data-dir}: the tables of a RethinkDB data directory, read from its files, written
 * into a {@link TableSink} exactly as a dump through a server writes them (the same row writer
 * and {@code .info} shape). Tables are read {@code threads} at a time, each streamed row by row,
 * its stores spelt out on every core ({@link ParallelRows}).
 * A table that cannot be read stops the dump, or with {@code continueOnError} is left out and
 * reported; the caller then exits non-zero.
 */
public final class OfflineDumper {
    private final DataDirectory dir;
    private final FunctionTexts texts;
    private final Progress progress;
    private final Consumer<String> notes;
    private final int threads;
    private final boolean continueOnError;

    /** Totals of a finished offline dump; {@code failed} lists the tables left out, with why. */
    public record Summary(long rows, int tables, int indexes, int hooks, List<String> failed) {
    }

    public OfflineDumper(DataDirectory dir, FunctionTexts texts, Progress progress, Consumer<String> notes, int threads,
            boolean continueOnError) {
        this.dir = dir;
        this.texts = texts;
        this.progress = progress;
        this.notes = notes;
        this.threads = Math.max(1, threads);
        this.continueOnError = continueOnError;
    }

    /** The table's name as the archive uses it. */
    public TableRef ref(TableConfig table) {
        return new TableRef(dir.databaseName(table), table.name());
    }

    /** Dumps {@code tables} into {@code sink}. */
    public Summary run(List<TableConfig> tables, TableSink sink) {
        List<String> failed = Collections.synchronizedList(new ArrayList<>());
        long[] totals = new long[4];
        // Deep stacks: a stored row may nest as deep as the server allows, and is walked recursively.
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, Math.max(1, tables.size())),
                DeepStackThreads.daemons("offline-dump-"));
        // Each table thread merges its stores' rows; the spelling, nearly all the work, runs here on every core.
        ExecutorService spellers = Executors.newFixedThreadPool(Runtime.getRuntime().availableProcessors(),
                DeepStackThreads.daemons("offline-spell-"));
        try {
            List<Future<long[]>> results = new ArrayList<>();
            for (TableConfig table : tables) {
                results.add(pool.submit(() -> dumpTable(table, sink, failed, spellers)));
            }
            for (Future<long[]> result : results) {
                long[] r = result.get();
                for (int i = 0; i < totals.length; i++) {
                    totals[i] += r[i];
                }
            }
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RethinkDataException data) {
                throw ToolException.failure("Error: " + data.getMessage()
                        + " (--continue-on-error saves the other tables)");
            }
            throw cause instanceof RuntimeException re ? re : ToolException.failure("Error: " + cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.failure("Interrupted");
        } finally {
            pool.shutdownNow();
            spellers.shutdownNow();
        }
        return new Summary(totals[0], (int) totals[1], (int) totals[2], (int) totals[3], List.copyOf(failed));
    }

    /** Rows, tables (0 or 1), indexes and hooks of one table. */
    private long[] dumpTable(TableConfig table, TableSink sink, List<String> failed, Executor spellers)
            throws Exception {
        TableRef ref = ref(table);
        ProgressTask task;
        long rows;
        try (TableFile file = dir.openTable(table)) {
            task = progress.start(ref.toString(), "rows", file.estimatedRows());
            ExportFormat format = ExportFormat.JSON;
            try (RowWriter writer = format.writer(new BufferedOutputStream(sink.openData(ref, format.extension()), 1 << 16),
                    null, ',')) {
                rows = ParallelRows.rows(file, spellers, PyJsonDatumRows::speller, (text, from, to) -> {
                    writer.writeSpelt(text, from, to);
                    task.advance(1);
                });
            }
        } catch (RethinkDataException e) {
            if (!continueOnError) {
                throw e;
            }
            failed.add(ref + ": " + e.getMessage());
            notes.accept("Error: table " + ref + " could not be read and is left out: " + e.getMessage());
            return new long[4];
        }
        task.total(rows);
        TableInfo info = OfflineTableInfo.of(dir, table, rows, texts);
        sink.finishTable(ref, ExportFormat.JSON.extension(), info);
        progress.finish(task);
        return new long[] {rows, 1, info.indexes().size(), table.writeHook() == null ? 0 : 1};
    }

    /** The config rows for {@code --include-config}: table configs, users and permissions. */
    public List<List<Object>> configRows(List<TableConfig> tables) {
        return List.of(OfflineConfig.tableConfigs(dir, tables), OfflineConfig.users(dir),
                OfflineConfig.permissions(dir, tables));
    }
}

package io.reqldb.tools.importer;

import com.rethinkdb.gen.exc.ReqlError;
import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.conn.Endpoint;
import io.reqldb.tools.conn.Errors;
import io.reqldb.tools.format.RowReader;
import io.reqldb.tools.format.WireRows;
import io.reqldb.tools.progress.Progress;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Imports tables: the work of {@code import}, and of {@code restore} on an archive's members.
 * The caller feeds one table's rows at a time ({@link #importTable}); rows are cut into batches
 * that {@code clients} writer threads insert concurrently, each over its own connection, through
 * a queue of {@code 3 × clients} batches, so memory is bounded by the batch size. When a table's
 * rows are all written, a finisher thread re-creates its indexes and write hook while the next
 * table streams in.
 */
public final class Importer implements AutoCloseable {
    private static final Batch STOP = new Batch(null, -1, null, 0);

    private final Endpoint endpoint;
    private final ImportSettings settings;
    private final Progress progress;
    private final ResumeJournal journal;
    private final BlockingQueue<Batch> queue;
    private final ExecutorService writers;
    private final ExecutorService finisher;
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicLong rowsWritten = new AtomicLong();
    private final long startNanos = System.nanoTime();
    private Connection finisherConn;
    private int tables;
    private boolean closed;

    /** Opens the journal (if any); call {@link #prepare} next. */
    public Importer(Endpoint endpoint, ImportSettings settings, Progress progress) throws IOException {
        this.endpoint = endpoint;
        this.settings = settings;
        this.progress = progress;
        this.journal = settings.journal() == null ? null
                : settings.resume() ? ResumeJournal.resume(settings.journal()) : ResumeJournal.create(settings.journal());
        this.queue = new ArrayBlockingQueue<>(3 * settings.clients());
        this.writers = Executors.newFixedThreadPool(settings.clients(), daemon("import-writer"));
        this.finisher = Executors.newSingleThreadExecutor(daemon("import-indexes"));
    }

    /** Runs the pre-write checks for all tables and starts the writers. */
    public void prepare(Connection conn, List<PlannedTable> plan) {
        boolean hooks = Preflight.run(conn, plan, settings.force(), name -> journal != null && journal.recorded(name) != null)
                .hasWriteHooks();
        for (int i = 0; i < settings.clients(); i++) {
            BatchWriter writer = new BatchWriter(endpoint, settings.hardDurability(), hooks);
            writers.execute(() -> writeLoop(writer));
        }
        finisherConn = endpoint.connect();
    }

    /** True when an earlier, resumed run already completed this table. */
    public boolean alreadyDone(PlannedTable table) {
        ResumeJournal.TableStep step = journal == null ? null : journal.recorded(table.qualifiedName());
        return step != null && step.done();
    }

    /** Creates the table if needed and streams all rows of {@code rows} into it. */
    public void importTable(Connection conn, PlannedTable plan, RowReader rows, long estimatedRows) throws IOException {
        checkFailure();
        tables++;
        ResumeJournal.TableStep step = journal == null ? null : journal.recorded(plan.qualifiedName());
        long skip = step == null ? 0 : step.rows();
        if (journal != null) {
            // Before creating the table: a run killed in between must find it listed as its own.
            journal.started(plan.qualifiedName());
        }
        Preflight.createTable(conn, plan, settings.shards(), settings.replicas());
        TableState state = new TableState(plan, progress.start(plan.qualifiedName(), "rows", estimatedRows), skip,
                settings.force() || step != null);
        if (step == null || !step.dataDone()) {
            readBatches(state, rows);
        } else {
            state.task.advance(skip);
        }
        state.readDone();
        if (state.claimCompletion()) {
            tableWritten(state);
        }
    }

    private void readBatches(TableState state, RowReader rows) throws IOException {
        for (long seen = 0; seen < state.skippedRows; seen++) {
            if (!rows.skip()) {
                return;
            }
            state.task.advance(1);
        }
        Set<String> fields = settings.fields() == null ? null : Set.copyOf(settings.fields());
        WireRows docs = new WireRows();
        while (rows.nextWire(docs, fields)) {
            if (docs.count() == settings.batchSize()) {
                submit(new Batch(state, state.submit(), docs.take(), settings.batchSize()));
            }
        }
        if (docs.count() > 0) {
            int size = docs.count();
            submit(new Batch(state, state.submit(), docs.take(), size));
        }
    }

    private void submit(Batch batch) {
        try {
            while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
                checkFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.failure("Interrupted");
        }
    }

    private void writeLoop(BatchWriter writer) {
        try (writer) {
            while (true) {
                Batch batch = queue.take();
                if (batch == STOP || failure.get() != null) {
                    return;
                }
                rowsWritten.addAndGet(writer.write(batch));
                batch.table().task.advance(batch.size());
                long contiguous = batch.table().finished(batch.number(), batch.size());
                if (journal != null && contiguous >= 0) {
                    journal.rows(batch.table().plan.qualifiedName(), contiguous);
                }
                if (batch.table().claimCompletion()) {
                    tableWritten(batch.table());
                }
            }
        } catch (RuntimeException e) {
            fail(e);
        } catch (IOException e) {
            fail(ToolException.failure("Error: could not write the resume journal: " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** All rows of the table are in: record it and hand the table to the finisher. */
    private void tableWritten(TableState state) {
        finisher.execute(() -> {
            try {
                if (journal != null) {
                    journal.dataDone(state.plan.qualifiedName());
                }
                TableFinisher.finish(finisherConn, state.plan, settings.secondaryIndexes());
                if (journal != null) {
                    journal.done(state.plan.qualifiedName());
                }
                progress.finish(state.task);
            } catch (RuntimeException e) {
                fail(e);
            } catch (IOException e) {
                fail(ToolException.failure("Error: could not write the resume journal: " + e.getMessage()));
            }
        });
    }

    /** Waits for every write, index and hook; returns the official summary line. */
    public String finish() {
        try {
            for (int i = 0; i < settings.clients(); i++) {
                while (!queue.offer(STOP, 100, TimeUnit.MILLISECONDS)) {
                    checkFailure();
                }
            }
            writers.shutdown();
            while (!writers.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                checkFailure();
            }
            finisher.shutdown();
            while (!finisher.awaitTermination(100, TimeUnit.MILLISECONDS)) {
                checkFailure();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw ToolException.failure("Interrupted");
        }
        checkFailure();
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        long rows = rowsWritten.get();
        return String.format("%d row%s imported to %d table%s in %.2f secs", rows, rows == 1 ? "" : "s",
                tables, tables == 1 ? "" : "s", seconds);
    }

    private void fail(RuntimeException e) {
        RuntimeException mapped = e instanceof ToolException ? e
                : e instanceof ReqlError ? ToolException.failure("Error: " + Errors.describe(e))
                : e instanceof UncheckedIOException ? ToolException.failure("Error: " + Errors.describe(e)) : e;
        failure.compareAndSet(null, mapped);
    }

    private void checkFailure() {
        RuntimeException e = failure.get();
        if (e != null) {
            throw e;
        }
    }

    /** Stops all threads; with a completed run, deletes the journal. */
    public void close(boolean completed) throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        writers.shutdownNow();
        finisher.shutdownNow();
        // After a failure, let in-flight batches end before returning, so that nothing of this run
        // still reaches the server once the caller goes on (and, in tests, drops the tables).
        try {
            writers.awaitTermination(30, TimeUnit.SECONDS);
            finisher.awaitTermination(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (finisherConn != null) {
            finisherConn.close();
        }
        if (journal != null) {
            journal.close(completed);
        }
    }

    @Override
    public void close() throws IOException {
        close(false);
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        };
    }
}

package io.reqldb.tools.importer;

import io.reqldb.tools.progress.ProgressTask;
import java.util.HashMap;
import java.util.Map;

/**
 * Book-keeping for one table being imported. Batches are written by several connections and
 * finish out of order; the journal may only record the rows before the first unfinished batch.
 */
final class TableState {
    final PlannedTable plan;
    final ProgressTask task;
    /** Rows of the data file an earlier run already wrote (skipped when reading). */
    final long skippedRows;
    /** Whether inserts must tolerate documents that are already there (--force or resume). */
    final boolean replace;

    private final Map<Integer, Integer> finishedSizes = new HashMap<>();
    private int submitted;
    private int finished;
    private int nextContiguous;
    private long contiguousRows;
    private boolean readDone;
    private boolean claimed;

    TableState(PlannedTable plan, ProgressTask task, long skippedRows, boolean replace) {
        this.plan = plan;
        this.task = task;
        this.skippedRows = skippedRows;
        this.replace = replace;
    }

    /** Numbers the next batch. */
    synchronized int submit() {
        return submitted++;
    }

    /** The reader reached the end of the data file. */
    synchronized void readDone() {
        readDone = true;
    }

    /**
     * Records a written batch. Returns the new count of rows written without gaps, or -1 when
     * that count did not move.
     */
    synchronized long finished(int number, int size) {
        finished++;
        finishedSizes.put(number, size);
        long before = contiguousRows;
        Integer next;
        while ((next = finishedSizes.remove(nextContiguous)) != null) {
            contiguousRows += next;
            nextContiguous++;
        }
        return contiguousRows == before ? -1 : skippedRows + contiguousRows;
    }

    /**
     * True exactly once: for whichever thread (the reader or the writer of the last batch) first
     * sees the reader done and every batch written.
     */
    synchronized boolean claimCompletion() {
        if (claimed || !readDone || finished != submitted) {
            return false;
        }
        claimed = true;
        return true;
    }
}

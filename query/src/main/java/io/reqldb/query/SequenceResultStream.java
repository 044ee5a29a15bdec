package io.reqldb.query;

import io.reqldb.datum.Datum;
import io.reqldb.datum.EstimatedSize;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.limits.QueryGuards;
import java.util.ArrayList;
import java.util.List;

/** Serves a {@link Sequence} to the network layer batch by batch. */
final class SequenceResultStream implements ResultStream {
    private final Sequence sequence;
    private final QueryControl control;
    private Datum lookahead;
    private boolean exhausted;

    SequenceResultStream(Sequence sequence, QueryControl control) {
        this.sequence = sequence;
        this.control = control;
    }

    /** Reads a batch with the query's control bound, so that cancelling it stops the read. */
    @Override
    public List<Datum> nextBatch(int maxRows, long maxBytes) {
        try (QueryControl.Binding bound = control.bind()) {
            return read(maxRows, maxBytes);
        } catch (OutOfMemoryError e) {
            throw QueryGuards.outOfMemory();
        }
    }

    private List<Datum> read(int maxRows, long maxBytes) {
        List<Datum> batch = new ArrayList<>(Math.min(maxRows, 1024));
        long bytes = 0;
        if (lookahead == null && !exhausted) {
            lookahead = sequence.next();
        }
        while (lookahead != null && batch.size() < maxRows && bytes < maxBytes) {
            batch.add(lookahead);
            bytes += EstimatedSize.atMost(lookahead, maxBytes);
            lookahead = sequence.next();
        }
        if (lookahead == null) {
            exhausted = true;
            sequence.close();
        }
        return batch;
    }

    @Override
    public boolean isExhausted() {
        return exhausted;
    }

    @Override
    public void close() {
        exhausted = true;
        sequence.close();
    }
}

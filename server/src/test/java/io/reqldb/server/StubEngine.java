package io.reqldb.server;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.QueryEngine;
import io.reqldb.query.QueryResult;
import io.reqldb.query.ResultStream;
import io.reqldb.query.Session;
import io.reqldb.query.error.ReqlCompileError;
import io.reqldb.query.error.ReqlUserError;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test-only engine that understands just enough ReQL to drive the network layer through the
 * official driver, until the real engine is wired in: datum literals, MAKE_ARRAY
 * ({@code r.expr(list)}), RANGE ({@code r.range(n)} streams 0..n-1, {@code r.range()} never
 * ends), ERROR ({@code r.error(msg)}), JAVASCRIPT as {@code r.js("sleep:millis")} (a slow atom)
 * and TABLE {@code r.table("feed")} (a changefeed-like stream that blocks until interrupted). It
 * counts what the tests check: streams open, batches served, slow queries finished.
 */
final class StubEngine implements QueryEngine {
    private static final int DATUM = 1;
    private static final int MAKE_ARRAY = 2;
    private static final int JAVASCRIPT = 11;
    private static final int ERROR = 12;
    private static final int TABLE = 15;
    private static final int RANGE = 173;
    private static final int SEQUENCE_FEED_NOTE = 1;

    final AtomicInteger openStreams = new AtomicInteger();
    final AtomicInteger batchesServed = new AtomicInteger();
    final ConcurrentLinkedQueue<String> slowQueriesFinished = new ConcurrentLinkedQueue<>();
    final ConcurrentLinkedQueue<Session> sessions = new ConcurrentLinkedQueue<>();

    @Override
    public QueryResult start(Datum term, ObjectDatum globalOptargs, Session session) {
        sessions.add(session);
        if (!(term instanceof ArrayDatum array) || array.size() == 0
                || !(array.get(0) instanceof NumberDatum code)) {
            return new QueryResult.Atom(term);
        }
        List<Datum> args = array.size() > 1 && array.get(1) instanceof ArrayDatum a ? a.items() : List.of();
        switch ((int) code.value()) {
            case DATUM:
                return new QueryResult.Atom(args.isEmpty() ? array.get(1) : args.get(0));
            case MAKE_ARRAY: {
                List<Datum> items = new ArrayList<>();
                for (Datum arg : args) {
                    items.add(((QueryResult.Atom) start(arg, globalOptargs, session)).value());
                }
                return new QueryResult.Atom(ArrayDatum.wrap(items));
            }
            case RANGE:
                return stream(new RangeStream(args.isEmpty() ? Long.MAX_VALUE : (long) ((NumberDatum) args.get(0)).value()));
            case ERROR:
                throw new ReqlUserError(((StringDatum) args.get(0)).value());
            case JAVASCRIPT:
                return sleep(((StringDatum) args.get(0)).value());
            case TABLE:
                return stream(new BlockingFeed());
            default:
                throw new ReqlCompileError("The stub engine does not know term " + (int) code.value() + ".");
        }
    }

    private QueryResult stream(CountedStream s) {
        openStreams.incrementAndGet();
        return new QueryResult.Stream(s);
    }

    private QueryResult sleep(String spec) {
        try {
            Thread.sleep(Long.parseLong(spec.substring("sleep:".length())));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        slowQueriesFinished.add(spec);
        return new QueryResult.Atom(new StringDatum(spec));
    }

    /** Counts itself closed exactly once. */
    private abstract class CountedStream implements ResultStream {
        private boolean closed;

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                openStreams.decrementAndGet();
            }
        }
    }

    /** The numbers from 0 up to an end; each row counts as 8 bytes against the byte limit. */
    private final class RangeStream extends CountedStream {
        private final long end;
        private long next;

        RangeStream(long end) {
            this.end = end;
        }

        @Override
        public List<Datum> nextBatch(int maxRows, long maxBytes) {
            batchesServed.incrementAndGet();
            List<Datum> rows = new ArrayList<>();
            while (next < end && rows.size() < maxRows && rows.size() * 8L < maxBytes) {
                rows.add(NumberDatum.of(next++));
            }
            return rows;
        }

        @Override
        public boolean isExhausted() {
            return next >= end;
        }
    }

    /** Like a changefeed with no changes: an empty first batch, then reads that wait forever. */
    private final class BlockingFeed extends CountedStream {
        private boolean first = true;

        @Override
        public List<Datum> nextBatch(int maxRows, long maxBytes) {
            batchesServed.incrementAndGet();
            if (first) {
                first = false;
                return List.of();
            }
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                throw new IllegalStateException("feed read interrupted", e);
            }
            return List.of();
        }

        @Override
        public boolean isExhausted() {
            return false;
        }

        @Override
        public List<Integer> notes() {
            return List.of(SEQUENCE_FEED_NOTE);
        }
    }
}

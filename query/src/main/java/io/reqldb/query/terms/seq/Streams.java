package io.reqldb.query.terms.seq;

import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.query.eval.DerivedSequence;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.Values;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * Lazy sequence building blocks of the sequence terms. Each reads its sources only as far as its
 * consumer asks, so {@code r.range().map(...).limit(3)} and {@code table.limit(3)} stay bounded.
 */
public final class Streams {
    private Streams() {
    }

    /**
     * The value a sequence term returns: streams that stand for arrays become arrays again
     * (RethinkDB keeps {@code [1,2].map(f)} an ARRAY), checked against the array limit; selections
     * stay selections.
     */
    public static Object result(Sequence out, Env env) {
        if (out.isArray() && out.table() == null) {
            return Values.materialize(out, env.context().arrayLimit());
        }
        return out;
    }

    /** Skips {@code skip} elements, then yields at most {@code take} (Long.MAX_VALUE: all). */
    public static Sequence slice(Sequence source, long skip, long take) {
        return new DerivedSequence(source, true) {
            private long skipped;
            private long taken;

            @Override
            public Datum next() {
                while (skipped < skip) {
                    if (source.next() == null) {
                        skipped = skip;
                        taken = take;
                        return null;
                    }
                    skipped++;
                }
                if (taken >= take) {
                    return null;
                }
                Datum d = source.next();
                if (d != null) {
                    taken++;
                }
                return d;
            }

            @Override
            public boolean isInfinite() {
                return source.isInfinite() && take == Long.MAX_VALUE;
            }
        };
    }

    /** Each element replaced by the elements of the sequence {@code f} makes of it. */
    public static Sequence concatMap(Sequence source, Function<Datum, Sequence> f) {
        return new DerivedSequence(source, false) {
            private Sequence current;

            @Override
            public Datum next() {
                while (true) {
                    if (current != null) {
                        Datum d = current.next();
                        if (d != null) {
                            return d;
                        }
                        current.close();
                        current = null;
                    }
                    Datum row = source.next();
                    if (row == null) {
                        return null;
                    }
                    current = f.apply(row);
                }
            }

            @Override
            public void close() {
                if (current != null) {
                    current.close();
                }
                source.close();
            }
        };
    }

    /** The sequences one after another. */
    public static Sequence concat(List<Sequence> sources, boolean array) {
        return new Sequence() {
            private int i;

            @Override
            public Datum next() {
                while (i < sources.size()) {
                    Datum d = sources.get(i).next();
                    if (d != null) {
                        return d;
                    }
                    sources.get(i).close();
                    i++;
                }
                return null;
            }

            @Override
            public boolean isArray() {
                return array;
            }

            @Override
            public boolean isInfinite() {
                return sources.stream().anyMatch(Sequence::isInfinite);
            }

            @Override
            public boolean isFeed() {
                return sources.stream().anyMatch(Sequence::isFeed);
            }

            @Override
            public void close() {
                for (Sequence s : sources) {
                    s.close();
                }
            }
        };
    }

    /** The rows of {@code source} as a selection on {@code table} (still a lazy stream). */
    public static Sequence selection(Sequence source, TableRef table) {
        return new Sequence() {
            @Override
            public Datum next() {
                return source.next();
            }

            @Override
            public TableRef table() {
                return table;
            }

            @Override
            public void close() {
                source.close();
            }
        };
    }

    /** Elements produced by an iterator (already computed rows: sorted data, join results). */
    public static Sequence of(Iterator<Datum> it, TableRef table, boolean array) {
        return new Sequence() {
            @Override
            public Datum next() {
                pollCancellation();
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public TableRef table() {
                return table;
            }

            @Override
            public boolean isArray() {
                return array;
            }
        };
    }

    /** A stream pulled from a generator that returns Java null at its end. */
    public static Sequence generate(java.util.function.Supplier<Datum> step, Runnable onClose, boolean array) {
        return generate(step, onClose, array, false);
    }

    /** Like {@link #generate(java.util.function.Supplier, Runnable, boolean)}, possibly endless. */
    public static Sequence generate(java.util.function.Supplier<Datum> step, Runnable onClose, boolean array,
                                    boolean infinite) {
        return new Sequence() {
            private boolean done;

            @Override
            public Datum next() {
                if (done) {
                    return null;
                }
                pollCancellation();
                Datum d = step.get();
                if (d == null) {
                    done = true;
                }
                return d;
            }

            @Override
            public boolean isArray() {
                return array;
            }

            @Override
            public boolean isInfinite() {
                return infinite;
            }

            @Override
            public void close() {
                done = true;
                if (onClose != null) {
                    onClose.run();
                }
            }
        };
    }

    /** {@code r.range(start, stop)}, or endless from {@code start} when {@code infinite}. */
    public static Sequence range(long start, long stop, boolean infinite) {
        long[] next = {start};
        return generate(() -> {
            if (!infinite && next[0] >= stop) {
                return null;
            }
            return NumberDatum.of(next[0]++);
        }, null, false, infinite);
    }
}

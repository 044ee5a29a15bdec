package io.reqldb.query.parallel;

import io.reqldb.datum.DeepStackThreads;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.terms.write.Determinism;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.LongConsumer;

/**
 * Reads a whole table on every core: a stream over the table (and pure steps over it: filter,
 * map, field access) is cut into key ranges of one snapshot ({@link Sequence#split}), each part
 * is folded on its own thread, and the caller gets the partial results in key order, to merge
 * them the way the serial loop would have met the rows, so the answer is the serial one.
 *
 * <p>The threads are one pool for the whole server, as many as there are cores, so parallel reads
 * never add threads per query. The calling thread takes parts too, and waits only for parts a
 * pool thread has started: with the pool busy it simply does every part itself, as the serial
 * path would, so a full pool never stalls a query.
 */
public final class PartitionedScan {
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService POOL = pool();

    private PartitionedScan() {
    }

    private static ExecutorService pool() {
        ThreadPoolExecutor p = new ThreadPoolExecutor(CORES, CORES, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), DeepStackThreads.daemons("reqldb-scan-"));
        p.allowCoreThreadTimeOut(true);
        return p;
    }

    /**
     * {@code seq} cut into parts to fold side by side, or null when it should be read serially
     * (one core, a source that cannot split, a table too small to be worth it). Once split,
     * {@code seq} itself must not be read.
     */
    public static List<Sequence> split(Sequence seq) {
        return CORES < 2 ? null : seq.split(CORES);
    }

    /**
     * Whether a function argument (or a datum standing for one) gives the same answer for the same
     * row on any thread: no reads of tables, no randomness, no JavaScript or HTTP.
     */
    public static boolean isPure(Object funcOrDatum) {
        return !(funcOrDatum instanceof FuncValue f) || f.isConstant()
                || (f.body() != null && Determinism.isDeterministic(f.body(), true));
    }

    /**
     * Folds each part with {@code fold}, under the query's {@code control} (so cancellation
     * reaches every thread), and returns the results in key order; closes every part. When parts
     * fail, the failure of the first in key order is thrown, which is the one the serial loop
     * would have met first, since the rows before it folded without error; parts after a failed
     * one are skipped.
     */
    public static <R> List<R> fold(List<Sequence> parts, QueryControl control, Function<Sequence, R> fold) {
        int n = parts.size();
        List<R> results = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(n, null)));
        List<Throwable> failures = Collections.synchronizedList(new ArrayList<>(Collections.nCopies(n, null)));
        AtomicInteger firstFailed = new AtomicInteger(n);
        AtomicInteger next = new AtomicInteger();
        CountDownLatch done = new CountDownLatch(n);
        Runnable worker = () -> {
            for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                try (QueryControl.Binding bound = control.bind(); Sequence part = parts.get(i)) {
                    if (i < firstFailed.get()) {
                        results.set(i, fold.apply(part));
                    }
                } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
                    failures.set(i, e);
                    firstFailed.accumulateAndGet(i, Math::min);
                } finally {
                    done.countDown();
                }
            }
        };
        for (int i = 1; i < n; i++) {
            POOL.execute(worker);
        }
        worker.run();
        // Parts still running stop soon when the query is cancelled (they poll its control);
        // they are waited for even on an interrupt, since they read sequences this call owns.
        boolean interrupted = false;
        while (true) {
            try {
                done.await();
                break;
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        int failed = firstFailed.get();
        if (failed < n) {
            Throwable e = failures.get(failed);
            if (e instanceof RuntimeException re) {
                throw re;
            }
            throw (Error) e;
        }
        return new ArrayList<>(results);
    }

    /**
     * Runs a part's {@code fold} with a buffer of the query's memory budget for what the part
     * holds, {@linkplain QueryControl.Buffer#keep kept} charged when the fold succeeds (the caller
     * joins the parts' results into its own), released when it fails. The budget's accounting is
     * not thread-safe, so parts charge it under its lock.
     */
    public static <R> R charged(QueryControl control, Function<LongConsumer, R> fold) {
        QueryControl.Buffer held = control.buffer();
        try {
            R result = fold.apply(bytes -> {
                synchronized (control) {
                    held.add(bytes);
                }
            });
            synchronized (control) {
                held.keep();
            }
            return result;
        } finally {
            synchronized (control) {
                held.close();
            }
        }
    }
}

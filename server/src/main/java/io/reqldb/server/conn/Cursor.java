package io.reqldb.server.conn;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.query.QueryResult;
import io.reqldb.query.ResultStream;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlOpIndeterminateError;
import io.reqldb.query.limits.QueryCancelledException;
import io.reqldb.query.limits.QueryControl;
import io.reqldb.query.limits.QueryGuards;
import io.reqldb.query.limits.QueryOrigin;
import io.reqldb.server.wire.ErrorType;
import io.reqldb.server.wire.Query;
import io.reqldb.server.wire.Response;
import io.reqldb.server.wire.ResponseType;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One token's query from START to its last response: evaluation, then the stream's batches, one
 * per CONTINUE. Its steps run one after another on worker threads (never two at once, as
 * {@link ResultStream} requires), and a STOP queues behind a read in progress, after
 * interrupting it, so that the read answers first with an empty SUCCESS_SEQUENCE and then the
 * STOP does, as in RethinkDB.
 *
 * <p>The stream is closed as soon as the query ends for any reason: last batch, error, STOP or
 * disconnect. STOP and disconnect also cancel the query's {@link QueryControl}, which stops an
 * evaluation or a read wherever it is looping; a query that was being evaluated then answers its
 * START with an empty SUCCESS_SEQUENCE, as RethinkDB does, before the STOP is answered.
 *
 * <p>A changefeed's CONTINUE holds no thread while the feed is idle: the cursor asks the stream to
 * call back once a batch is ready ({@link ResultStream#awaitReady}) and only then queues the read;
 * a STOP, disconnect or termination calls back at once. So open feeds cost memory, not threads.
 */
final class Cursor {
    private static final Logger LOG = LoggerFactory.getLogger(Cursor.class);

    private final Query query;
    private final QueryDispatcher owner;
    private final boolean noreply;
    private final boolean profile;
    private final BatchSpec batches;
    private final SerialExecutor steps = new SerialExecutor();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final QueryControl control;
    /** When the START arrived: its first answer's latency counts from here. */
    private final long received = System.nanoTime();

    /** Whether reads go to the feed pool; set once the first batch shows the stream is a feed. */
    private volatile boolean feed;

    // Guarded by this.
    private ResultStream stream;
    private boolean sentBatch;
    private Thread reader;
    /** Queues the read a CONTINUE on a feed waits for; runs once (see {@link #awaitBatch}). */
    private Runnable pendingRead;
    private boolean busy;
    private boolean stopped;
    private boolean done;
    private boolean answered;

    Cursor(Query query, QueryDispatcher owner) {
        this.query = query;
        this.owner = owner;
        this.noreply = query.staticBoolOptarg("noreply");
        this.profile = query.staticBoolOptarg("profile");
        this.batches = BatchSpec.of(query);
        this.control = owner.limits().open(new QueryOrigin(owner.session(), owner.clientAddress(), query.token(),
                query.term()));
        // A termination (rethinkdb.jobs) wakes a read waiting for a changefeed, as a STOP does.
        control.onCancel(this::interruptRead);
        owner.activity().queryReceived();
    }

    boolean isNoreply() {
        return noreply;
    }

    /** Completes when the query has ended and released what it held. */
    CompletableFuture<Void> finished() {
        return finished;
    }

    /** Evaluates the query and answers with its value or first batch. */
    void start(Runnable frameDone) {
        steps.execute(() -> step(() -> runStart(frameDone)), owner.pools().queries());
    }

    /**
     * Evaluates a quick query on the calling thread (the event loop) and answers it. Nothing
     * else of this cursor can run meanwhile: its STOP or disconnect would come through the same
     * event loop, after this returns.
     */
    void startHere(Runnable frameDone) {
        step(() -> runStart(frameDone));
    }

    /** Answers a CONTINUE with the next batch. */
    void next(Runnable frameDone) {
        if (feed) {
            steps.execute(() -> step(() -> awaitBatch(frameDone)), owner.pools().feeds());
        } else {
            steps.execute(() -> step(() -> serveBatch(frameDone)), owner.pools().queries());
        }
    }

    /**
     * A feed's CONTINUE: the read is queued when the stream says a batch is ready, or at once on a
     * STOP, disconnect or termination ({@link #interruptRead}); until then no thread waits.
     */
    private void awaitBatch(Runnable frameDone) {
        AtomicBoolean queued = new AtomicBoolean();
        Runnable read = () -> {
            if (queued.compareAndSet(false, true)) {
                steps.execute(() -> step(() -> readWhenReady(frameDone)), owner.pools().feeds());
            }
        };
        ResultStream s;
        synchronized (this) {
            s = stopped || control.isCancelled() ? null : stream;
            pendingRead = s == null ? null : read;
        }
        if (s == null) {
            read.run();
        } else {
            s.awaitReady(read);
        }
    }

    /** The read a feed's CONTINUE waited for; one that found nothing to send waits again. */
    private void readWhenReady(Runnable frameDone) {
        synchronized (this) {
            pendingRead = null;
        }
        serveBatch(frameDone, true);
    }

    /** Answers a STOP: cuts short a read in progress, releases the stream, then replies. */
    void stop(Runnable frameDone) {
        interruptReader();
        control.cancel();
        steps.execute(() -> {
            finish();
            // The STOP is a query of its own and always answered, even when the START was noreply.
            owner.sink().send(Response.stopped(query.token()), frameDone);
        }, owner.pools().queries());
    }

    /**
     * The connection is gone: release everything now, answer nothing. Done on the caller's
     * thread when no step is running, so it works even while the worker pools shut down; a
     * running step sees the stop when it returns and releases the stream itself.
     */
    void abandon() {
        boolean idle;
        synchronized (this) {
            interruptReader();
            idle = !busy;
        }
        control.cancel();
        if (idle) {
            finish();
        }
    }

    /** Runs one step, marked busy so {@link #abandon} knows to leave the clean-up to it. */
    private void step(Runnable body) {
        synchronized (this) {
            busy = true;
        }
        try {
            body.run();
        } finally {
            boolean abandoned;
            synchronized (this) {
                busy = false;
                abandoned = stopped && !done;
            }
            // Stopped while this step was past its last check: the clean-up falls to it.
            if (abandoned) {
                finish();
            }
        }
    }

    private void runStart(Runnable frameDone) {
        try {
            if (isStopped()) {
                finishStopped(frameDone);
                return;
            }
            QueryResult result = owner.engine().start(query.term(), query.optargs(), owner.session(), control);
            if (result instanceof QueryResult.Atom atom) {
                end();
                reply(Response.atom(query.token(), atom.value()), frameDone);
                return;
            }
            ResultStream s = ((QueryResult.Stream) result).stream();
            synchronized (this) {
                stream = s;
            }
            // serveBatch sees a STOP or disconnect that came during evaluation, and closes s.
            serveBatch(frameDone, false);
        } catch (ReqlError e) {
            end();
            reply(errorResponse(e), frameDone);
        } catch (QueryCancelledException e) {
            finishCancelled(frameDone);
        } catch (OutOfMemoryError | StackOverflowError e) {
            exhausted(e, frameDone);
        } catch (RuntimeException e) {
            failUnexpectedly(e, frameDone);
        }
    }

    private void serveBatch(Runnable frameDone) {
        serveBatch(frameDone, false);
    }

    /** @param awaited the read of a feed's CONTINUE, called back when ready: an empty batch waits again */
    private void serveBatch(Runnable frameDone, boolean awaited) {
        ResultStream s;
        boolean first;
        synchronized (this) {
            s = stopped ? null : stream;
            first = !sentBatch;
            if (s != null) {
                reader = Thread.currentThread();
            }
        }
        if (s == null || control.isCancelled()) {
            finishCancelled(frameDone);
            return;
        }
        try {
            List<Datum> rows;
            try {
                rows = first
                        ? s.nextBatch(batches.firstRows(), batches.firstBytes())
                        : s.nextBatch(batches.maxRows(), batches.maxBytes());
            } finally {
                synchronized (this) {
                    reader = null;
                    sentBatch = true;
                }
                // An interrupt meant for this read must not leak into the pool's next task.
                Thread.interrupted();
            }
            List<Integer> notes = s.notes();
            feed = notes.stream().anyMatch(n -> n >= 1 && n <= 4);
            if (isStopped()) {
                finishStopped(frameDone);
                return;
            }
            // An empty batch ends an ordinary stream; a feed may just have had nothing new.
            boolean last = s.isExhausted() || noreply || (rows.isEmpty() && !feed);
            if (awaited && feed && rows.isEmpty() && !last) {
                awaitBatch(frameDone);   // the changes that woke it did not pass its filter
                return;
            }
            if (last) {
                end();
            }
            reply(Response.batch(query.token(), last, rows, notes), frameDone);
        } catch (ReqlError e) {
            end();
            reply(errorResponse(e), frameDone);
        } catch (OutOfMemoryError | StackOverflowError e) {
            exhausted(e, frameDone);
        } catch (RuntimeException e) {
            if (isStopped() || control.isCancelled()) {
                // The read failed because STOP or a termination interrupted it: an expected ending.
                finishCancelled(frameDone);
                return;
            }
            failUnexpectedly(e, frameDone);
        }
    }

    /**
     * The query unwound after its control was cancelled: a STOP or disconnect gets the empty
     * SUCCESS_SEQUENCE, a termination through {@code rethinkdb.jobs} RethinkDB's error for it.
     */
    private void finishCancelled(Runnable frameDone) {
        if (control.isTerminated() && !isStopped()) {
            end();
            reply(errorResponse(new ReqlOpIndeterminateError("Query terminated by the `rethinkdb.jobs` table.")),
                    frameDone);
            return;
        }
        finishStopped(frameDone);
    }

    private void finishStopped(Runnable frameDone) {
        end();
        reply(Response.stopped(query.token()), frameDone);
    }

    /**
     * The last resort when a query exhausted the heap before its budget stopped it, or the stack:
     * its values are garbage now, so the server answers it and carries on.
     */
    private void exhausted(Error e, Runnable frameDone) {
        LOG.warn("query {} on connection {} ran out of {}", query.token(), owner.session().connectionId(),
                e instanceof OutOfMemoryError ? "memory" : "stack", e);
        end();
        ReqlError answer = e instanceof OutOfMemoryError ? QueryGuards.outOfMemory() : QueryGuards.tooDeep();
        reply(errorResponse(answer), frameDone);
    }

    private void failUnexpectedly(Throwable e, Runnable frameDone) {
        LOG.warn("query {} on connection {} failed unexpectedly", query.token(),
                owner.session().connectionId(), e);
        end();
        reply(Response.error(query.token(), ResponseType.RUNTIME_ERROR, ErrorType.INTERNAL,
                "Unexpected exception: " + e), frameDone);
    }

    private synchronized boolean isStopped() {
        return stopped;
    }

    private synchronized void interruptReader() {
        stopped = true;
        interruptRead();
    }

    private void interruptRead() {
        Runnable read;
        synchronized (this) {
            if (reader != null) {
                reader.interrupt();
            }
            read = pendingRead;
            pendingRead = null;
        }
        // Queued now, ahead of the STOP's own step, so the CONTINUE is answered first.
        if (read != null) {
            read.run();
        }
    }

    /** Ends the query when no answer follows: {@link #end}, and its memory goes back at once. Idempotent. */
    private void finish() {
        end();
        control.close();
    }

    /**
     * Ends the query before its last answer: forgets its token, closes the stream. Its control
     * stays open (what its buffers kept stays charged, the values being in the answer) until
     * {@link #reply} has written that answer. Idempotent.
     */
    private void end() {
        ResultStream s;
        synchronized (this) {
            if (done) {
                return;
            }
            done = true;
            s = stream;
            stream = null;
        }
        owner.forget(query.token(), this);
        if (s != null) {
            try {
                s.close();
            } catch (RuntimeException e) {
                LOG.debug("closing the stream of token {} failed", query.token(), e);
            }
        }
        finished.complete(null);
    }

    /**
     * Sends an answer. After the last one ({@link #end} done) the query's control closes once
     * the answer has been written; a batch that an error replaced (no room in the pool for it)
     * ends the stream.
     */
    private void reply(Response response, Runnable frameDone) {
        boolean last;
        synchronized (this) {
            last = done;
            if (!answered) {
                answered = true;
                owner.activity().queryAnswered(System.nanoTime() - received);
            }
        }
        Runnable written = last ? () -> {
            control.close();
            frameDone.run();
        } : frameDone;
        if (noreply) {
            written.run();
            return;
        }
        boolean success = response.type() != ResponseType.CLIENT_ERROR
                && response.type() != ResponseType.COMPILE_ERROR
                && response.type() != ResponseType.RUNTIME_ERROR;
        boolean sent = owner.sink().send(profile && success ? response.withProfile(ArrayDatum.EMPTY) : response, written);
        if (!sent && !last) {
            finish();
        }
    }

    private Response errorResponse(ReqlError e) {
        return Response.error(query.token(), ResponseType.fromCode(e.responseType()), e.errorType(),
                e.getMessage(), e.backtrace());
    }
}

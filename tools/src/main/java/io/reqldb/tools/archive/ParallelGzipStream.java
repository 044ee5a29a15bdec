package io.reqldb.tools.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Gzip-compresses what is written to it in chunks, each a {@link GzipMember} compressed on
 * {@code pool} while the writer goes on, and writes the members to {@code sink} in order. At
 * most {@link #IN_FLIGHT} chunks wait at a time, so memory is bounded whatever the length.
 * {@link #finish()} writes out the rest without closing the sink.
 */
final class ParallelGzipStream extends OutputStream {
    /** Large enough that the members' headers and lost matches across chunks cost nothing measurable. */
    static final int CHUNK = 1 << 20;
    private static final int IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors() + 1;

    private final OutputStream sink;
    private final Executor pool;
    private final ArrayDeque<CompletableFuture<byte[]>> pending = new ArrayDeque<>();
    private byte[] chunk = new byte[CHUNK];
    private int filled;
    private long count;

    ParallelGzipStream(OutputStream sink, Executor pool) {
        this.sink = sink;
        this.pool = pool;
    }

    /** Bytes written so far (before compression). */
    long count() {
        return count;
    }

    @Override
    public void write(int b) throws IOException {
        if (filled == CHUNK) {
            submit();
        }
        chunk[filled++] = (byte) b;
        count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        count += len;
        while (len > 0) {
            if (filled == CHUNK) {
                submit();
            }
            int n = Math.min(len, CHUNK - filled);
            System.arraycopy(b, off, chunk, filled, n);
            filled += n;
            off += n;
            len -= n;
        }
    }

    private void submit() throws IOException {
        byte[] full = chunk;
        int length = filled;
        pending.add(CompletableFuture.supplyAsync(() -> GzipMember.of(full, 0, length), pool));
        chunk = new byte[CHUNK];
        filled = 0;
        while (!pending.isEmpty() && (pending.size() >= IN_FLIGHT || pending.peek().isDone())) {
            sink.write(take());
        }
    }

    private byte[] take() throws IOException {
        try {
            return pending.poll().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof UncheckedIOException io) {
                throw io.getCause();
            }
            throw new IOException(e.getCause());
        } catch (java.util.concurrent.CancellationException e) {
            throw new InterruptedIOException("compression cancelled");
        }
    }

    /** Compresses what is buffered and writes every member out, leaving the sink open. */
    void finish() throws IOException {
        if (filled > 0) {
            submit();
        }
        while (!pending.isEmpty()) {
            sink.write(take());
        }
    }

    /** Finishes, then closes the sink. */
    @Override
    public void close() throws IOException {
        try {
            finish();
        } finally {
            sink.close();
        }
    }
}

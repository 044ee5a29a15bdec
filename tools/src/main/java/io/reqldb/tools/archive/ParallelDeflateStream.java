package io.reqldb.tools.archive;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;

/**
 * Deflates what is written to it in chunks, each a {@link DeflateSegment} compressed on
 * {@code pool} while the writer goes on (with the previous chunk as history), and writes the
 * segments to {@code sink} in order, none of them final. At most {@link #IN_FLIGHT} chunks wait
 * at a time, so memory is bounded whatever the length. {@link #finish()} writes out the rest;
 * {@link #crc()} and {@link #count()} then describe all the bytes written.
 */
final class ParallelDeflateStream extends OutputStream {
    /** Large enough that a segment's flush and its history copy cost nothing measurable. */
    static final int CHUNK = 1 << 20;
    private static final int IN_FLIGHT = 2 * Runtime.getRuntime().availableProcessors() + 1;

    private final OutputStream sink;
    private final Executor pool;
    private final ArrayDeque<CompletableFuture<DeflateSegment>> pending = new ArrayDeque<>();
    /** The chunk of each pending segment, in the same order. */
    private final ArrayDeque<byte[]> pendingChunks = new ArrayDeque<>();
    /**
     * Chunks whose segments are written out, for reuse: a dump writes through hundreds of them,
     * and fresh ones cost zeroing, page faults and collections.
     */
    private final ArrayDeque<byte[]> spare = new ArrayDeque<>();
    /** The end of the last chunk submitted: the history of the next one. */
    private byte[] previous;
    private byte[] chunk = new byte[CHUNK];
    private int filled;
    private long count;
    private int crc;

    ParallelDeflateStream(OutputStream sink, Executor pool) {
        this.sink = sink;
        this.pool = pool;
    }

    /** Bytes written so far (before compression). */
    long count() {
        return count;
    }

    /** The CRC-32 of the bytes written, once {@link #finish()} has run. */
    int crc() {
        return crc;
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
        byte[] history = previous;
        int length = filled;
        pending.add(CompletableFuture.supplyAsync(() -> DeflateSegment.of(full, 0, length, history, false), pool));
        pendingChunks.add(full);
        // A copy, so that the chunk itself is free for reuse as soon as its own segment is done.
        previous = Arrays.copyOfRange(full, Math.max(0, length - DeflateSegment.WINDOW), length);
        chunk = spare.isEmpty() ? new byte[CHUNK] : spare.poll();
        filled = 0;
        while (!pending.isEmpty() && (pending.size() >= IN_FLIGHT || pending.peek().isDone())) {
            writeOut(take());
        }
    }

    private void writeOut(DeflateSegment segment) throws IOException {
        sink.write(segment.deflated());
        crc = Crc32Combine.combine(crc, segment.crc(), segment.length());
    }

    private DeflateSegment take() throws IOException {
        CompletableFuture<DeflateSegment> next = pending.poll();
        byte[] used = pendingChunks.poll();
        try {
            DeflateSegment segment = next.join();
            spare.add(used);
            return segment;
        } catch (CompletionException e) {
            throw new IOException(e.getCause());
        } catch (CancellationException e) {
            throw new InterruptedIOException("compression cancelled");
        }
    }

    /** Compresses what is buffered and writes every segment out, leaving the sink open. */
    void finish() throws IOException {
        if (filled > 0) {
            submit();
        }
        while (!pending.isEmpty()) {
            writeOut(take());
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

package io.reqldb.server.wire;

import com.fasterxml.jackson.core.JsonGenerator;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.EstimatedSize;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.LongConsumer;

/**
 * Writes a {@link Response} as a frame: token (8 bytes LE), length (4 bytes LE), JSON. Called on
 * worker threads so that serialising a large batch never stalls the event loop.
 */
public final class ResponseEncoder {
    private static final int HEADER_BYTES = 12;
    /** Estimates are rough: beyond this the buffer grows as the text is written. */
    private static final int MAX_INITIAL_CAPACITY = 16 << 20;

    private ResponseEncoder() {
    }

    /**
     * Encodes a response. A value that has no JSON form (MINVAL, MAXVAL) turns the response into
     * a runtime error, as RethinkDB does when serialising fails.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, Response response) {
        return encode(alloc, response, Integer.MAX_VALUE, bytes -> { });
    }

    /**
     * Encodes a response in at most {@code maxFrameBytes}: a longer one (a value that shares its
     * parts in memory can be far larger written out) becomes a resource-limit error instead of a
     * buffer that fills the memory. {@code reserve} is called with the buffer's size before it is
     * allocated and before each time it grows, so that the bytes are accounted for before they
     * are taken; what it throws (the server's pool is full) ends the encoding and is thrown on,
     * the buffer released.
     */
    public static ByteBuf encode(ByteBufAllocator alloc, Response response, int maxFrameBytes, LongConsumer reserve) {
        int initial = Math.min(initialCapacity(response), maxFrameBytes);
        reserve.accept(initial);
        ByteBuf buf = alloc.buffer(initial, maxFrameBytes);
        try {
            writeFrame(buf, response, reserve);
            return buf;
        } catch (IllegalArgumentException e) {
            buf.release();
            return encode(alloc, Response.error(response.token(), ResponseType.RUNTIME_ERROR,
                    ErrorType.QUERY_LOGIC, e.getMessage()));
        } catch (IndexOutOfBoundsException e) {
            // The buffer reached maxFrameBytes.
            buf.release();
            return encode(alloc, Response.error(response.token(), ResponseType.RUNTIME_ERROR,
                    ErrorType.RESOURCE_LIMIT, "Response over size limit `" + maxFrameBytes + "` bytes.  "
                            + "Use a reduction or an index to return less at once, or raise the "
                            + "server's `--query-memory`."));
        } catch (RuntimeException | Error e) {
            buf.release();
            throw e;
        }
    }

    /**
     * The frame's estimated size, so that a large answer (a page of a dump is megabytes) is
     * written into one buffer instead of one that doubles and is copied a dozen times.
     */
    private static int initialCapacity(Response response) {
        long estimate = HEADER_BYTES + 64;
        for (Datum d : response.data()) {
            estimate += EstimatedSize.atMost(d, MAX_INITIAL_CAPACITY);
        }
        return (int) Math.min(estimate, MAX_INITIAL_CAPACITY);
    }

    private static void writeFrame(ByteBuf buf, Response response, LongConsumer reserve) {
        int start = buf.writerIndex();
        buf.writeLongLE(response.token());
        buf.writeIntLE(0); // length, patched below
        // The cast picks the OutputStream overload: ByteBufOutputStream is also a DataOutput.
        try (JsonGenerator g = DatumJson.FACTORY.createGenerator(new ReservingOutput(buf, reserve))) {
            writeJson(g, response);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        buf.setIntLE(start + 8, buf.writerIndex() - start - HEADER_BYTES);
    }

    private static void writeJson(JsonGenerator g, Response r) throws IOException {
        g.writeStartObject();
        g.writeNumberField("t", r.type().code());
        if (r.type() == ResponseType.RUNTIME_ERROR && r.errorType() != null && r.errorType() != 0) {
            g.writeNumberField("e", r.errorType());
        }
        g.writeArrayFieldStart("r");
        for (Datum d : r.data()) {
            DatumJson.write(g, d);
        }
        g.writeEndArray();
        if (r.backtrace() != null) {
            g.writeFieldName("b");
            DatumJson.write(g, r.backtrace());
        }
        if (r.profile() != null) {
            g.writeFieldName("p");
            DatumJson.write(g, r.profile());
        }
        if (r.type() == ResponseType.SUCCESS_PARTIAL || r.type() == ResponseType.SUCCESS_SEQUENCE) {
            g.writeArrayFieldStart("n");
            for (int note : r.notes()) {
                g.writeNumber(note);
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /** Appends to the frame's buffer, reserving each size the buffer grows to before it grows. */
    private static final class ReservingOutput extends OutputStream {
        private final ByteBuf buf;
        private final LongConsumer reserve;

        ReservingOutput(ByteBuf buf, LongConsumer reserve) {
            this.buf = buf;
            this.reserve = reserve;
        }

        @Override
        public void write(int b) {
            ensure(1);
            buf.writeByte(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
            ensure(len);
            buf.writeBytes(b, off, len);
        }

        private void ensure(int more) {
            int needed = buf.writerIndex() + more;
            // Past the maximum the write itself fails (IndexOutOfBoundsException): nothing to reserve.
            if (needed > buf.capacity() && needed >= 0 && needed <= buf.maxCapacity()) {
                reserve.accept(buf.alloc().calculateNewCapacity(needed, buf.maxCapacity()));
            }
        }
    }
}

package io.reqldb.rethinkdata;

import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.DatumJson;

/**
 * Turns a datum as RethinkDB stores it ({@code rdb_protocol/serialize_datum.cc}) straight into
 * the JSON text a server sends for it (times and binaries raw), or any other {@link JsonSink},
 * without building values.
 *
 * <p>A datum is a type tag (int8) then: 1 array (legacy: varint count, the elements); 2 bool
 * (one byte); 3 null; 4 double (8 bytes); 5 object (legacy: varint count, then key strings and
 * values); 6 string and 9 binary (varint length, bytes); 7 and 8 a negative or positive integer
 * (varint of its magnitude); 10 array and 11 object in the current form: varint size of what
 * follows, varint count, an offset table of {@code count - 1} entries (1, 2, 4 or 8 bytes each,
 * the width chosen by that size), then the elements (objects: key strings, no tag, and values).
 * Tags 12–14 (uninitialized, minval, maxval) never reach the disk as row values.
 */
public final class DatumText {
    private DatumText() {}

    /**
     * Appends the JSON of the datum that starts at the reader's position. Recurses once per
     * level of nesting, which may be {@link DatumJson#MAX_NESTING_DEPTH} deep: callers reading
     * arbitrary rows run on {@link io.reqldb.datum.DeepStackThreads}. Deeper is damage.
     */
    public static void write(Serial in, ByteBuilder out) {
        write(in, new ServerJson(out));
    }

    /** Spells the datum that starts at the reader's position out into {@code out}; see above. */
    public static void write(Serial in, JsonSink out) {
        write(in, out, 0);
    }

    private static void write(Serial in, JsonSink out, int depth) {
        if (depth > DatumJson.MAX_NESTING_DEPTH) {
            throw new RethinkDataException("datum nested more than " + DatumJson.MAX_NESTING_DEPTH
                    + " levels deep at byte " + in.position());
        }
        int tag = in.u8();
        switch (tag) {
            case 1 -> {
                int n = in.count();
                array(in, out, n, depth);
            }
            case 2 -> out.bool(in.bool());
            case 3 -> out.nil();
            case 4 -> {
                double v = in.f64();
                if (!Double.isFinite(v)) {
                    throw new RethinkDataException("non-finite number in a stored datum at byte " + (in.position() - 8));
                }
                out.number(v);
            }
            case 5 -> object(in, out, in.count(), depth);
            case 6 -> string(in, out);
            case 7, 8 -> {
                long magnitude = in.varint();
                if (magnitude < 0 || magnitude > (1L << 53)) {
                    throw new RethinkDataException("integer beyond 2^53 in a stored datum at byte " + in.position());
                }
                out.number(tag == 7 ? -(double) magnitude : magnitude);
            }
            case 9 -> {
                int n = in.count();
                int start = in.position();
                in.skip(n);
                out.binary(in.array(), start, n);
            }
            case 10, 11 -> {
                long size = in.varint();
                int count = in.count();
                if (count > 1) {
                    in.skip(offsetWidth(size) * (count - 1));
                }
                if (tag == 10) {
                    array(in, out, count, depth);
                } else {
                    object(in, out, count, depth);
                }
            }
            default -> throw new RethinkDataException("datum type tag " + tag + " at byte " + (in.position() - 1)
                    + " is not one a stored row can hold");
        }
    }

    /** The width of the offset table's entries, from the size the object or array declares. */
    static int offsetWidth(long innerSize) {
        if (innerSize <= 0xFF) {
            return 1;
        }
        if (innerSize <= 0xFFFF) {
            return 2;
        }
        if (innerSize <= 0xFFFFFFFFL) {
            return 4;
        }
        return 8;
    }

    private static void array(Serial in, JsonSink out, int n, int depth) {
        out.beginArray();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.comma();
            }
            write(in, out, depth + 1);
        }
        out.endArray();
    }

    private static void object(Serial in, JsonSink out, int n, int depth) {
        out.beginObject();
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                out.comma();
            }
            int length = in.count();
            int start = in.position();
            in.skip(length);
            out.key(in.array(), start, length);
            write(in, out, depth + 1);
        }
        out.endObject();
    }

    private static void string(Serial in, JsonSink out) {
        int n = in.count();
        int start = in.position();
        in.skip(n);
        out.string(in.array(), start, n);
    }
}

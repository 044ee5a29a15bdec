package io.reqldb.storage.rocksdb;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.datum.TimeDatum;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Documents and catalog records as tagged binary, data-directory format 2. Smaller and faster
 * than JSON: integers are zig-zag varints, lengths are varints, and keys are not quoted or
 * escaped. Unlike {@link io.reqldb.datum.KeyEncoding} it keeps everything (a time's zone too)
 * but does not preserve order.
 *
 * <pre>
 *   0 null   1 false   2 true
 *   3 integer      zig-zag varint (integral, |v| &lt; 2^53, not -0)
 *   4 double       8 bytes, IEEE bits big-endian
 *   5 string       varint byte length, UTF-8
 *   6 array        varint count, values
 *   7 object       varint count, (varint key length, UTF-8 key, value)* in key order
 *   8 time         8-byte double epoch seconds, then the zone as a tag-less string
 *   9 binary       varint length, bytes
 *   0x40-0x7F      format 2: the integer 0 to 63 in the tag itself
 *   0x80-0xBF      format 2: a string of 0 to 63 UTF-8 bytes, the length in the tag
 * </pre>
 * Format 2 writes the one-byte forms wherever they fit (most counters, flags, codes and object
 * values are small); it still reads every format-1 tag, so a half-migrated directory reads
 * correctly. Never renumber a tag; a new representation needs a new tag and a format step.
 */
final class DocumentCodec {
    static final int NULL = 0;
    static final int FALSE = 1;
    static final int TRUE = 2;
    static final int INTEGER = 3;
    static final int DOUBLE = 4;
    static final int STRING = 5;
    static final int ARRAY = 6;
    static final int OBJECT = 7;
    static final int TIME = 8;
    static final int BINARY = 9;
    static final int FIXINT = 0x40;
    static final int FIXSTR = 0x80;
    static final int FIX_MAX = 63;

    private static final double MAX_SAFE = 9007199254740992.0;
    private static final ThreadLocal<ByteBuilder> SCRATCH = ThreadLocal.withInitial(() -> new ByteBuilder(512));

    private DocumentCodec() {
    }

    static byte[] encode(Datum d) {
        ByteBuilder out = SCRATCH.get().reset();
        write(d, out);
        return out.toByteArray();
    }

    private static void write(Datum d, ByteBuilder out) {
        switch (d.type()) {
            case NULL -> out.put(NULL);
            case BOOL -> out.put(((BoolDatum) d).value() ? TRUE : FALSE);
            case NUMBER -> {
                double v = ((NumberDatum) d).value();
                if (v == Math.rint(v) && Math.abs(v) < MAX_SAFE && !(v == 0 && 1 / v < 0)) {
                    long l = (long) v;
                    if (l >= 0 && l <= FIX_MAX) {
                        out.put(FIXINT | (int) l);
                    } else {
                        out.put(INTEGER).putVarint((l << 1) ^ (l >> 63));
                    }
                } else {
                    out.put(DOUBLE).putLong(Double.doubleToRawLongBits(v));
                }
            }
            case STRING -> {
                byte[] utf8 = ((StringDatum) d).value().getBytes(StandardCharsets.UTF_8);
                if (utf8.length <= FIX_MAX) {
                    out.put(FIXSTR | utf8.length).put(utf8);
                } else {
                    out.put(STRING).putVarint(utf8.length).put(utf8);
                }
            }
            case ARRAY -> {
                List<Datum> items = ((ArrayDatum) d).items();
                out.put(ARRAY).putVarint(items.size());
                for (Datum item : items) {
                    write(item, out);
                }
            }
            case OBJECT, GEOMETRY -> {
                Map<String, Datum> fields = ((ObjectDatum) d).fields();
                out.put(OBJECT).putVarint(fields.size());
                for (Map.Entry<String, Datum> e : fields.entrySet()) {
                    putString(e.getKey(), out);
                    write(e.getValue(), out);
                }
            }
            case TIME -> {
                TimeDatum t = (TimeDatum) d;
                out.put(TIME).putLong(Double.doubleToRawLongBits(t.epochSeconds()));
                putString(t.timezone(), out);
            }
            case BINARY -> {
                byte[] bytes = ((BinaryDatum) d).bytes();
                out.put(BINARY).putVarint(bytes.length).put(bytes);
            }
            case MINVAL, MAXVAL -> throw new IllegalArgumentException("cannot store " + d);
        }
    }

    private static void putString(String s, ByteBuilder out) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        out.putVarint(utf8.length).put(utf8);
    }

    static Datum decode(byte[] bytes) {
        Reader r = new Reader(bytes);
        Datum d = r.read();
        if (r.pos != bytes.length) {
            throw new IllegalArgumentException("trailing bytes in a stored document at " + r.pos);
        }
        return d;
    }

    /** The value that starts at {@code pos} in a record (a field's, found by skipping the others). */
    static Datum decodeAt(byte[] bytes, int pos) {
        Reader r = new Reader(bytes);
        r.pos = pos;
        return r.read();
    }

    /** Decoding state over one record. */
    private static final class Reader extends RecordCursor {
        Reader(byte[] b) {
            super(b);
        }

        Datum read() {
            int tag = b[pos++] & 0xFF;
            if (tag >= FIXINT && tag <= FIXINT + FIX_MAX) {
                return NumberDatum.of(tag - FIXINT);
            }
            if (tag >= FIXSTR && tag <= FIXSTR + FIX_MAX) {
                int n = tag - FIXSTR;
                String s = new String(b, pos, n, StandardCharsets.UTF_8);
                pos += n;
                return new StringDatum(s);
            }
            switch (tag) {
                case NULL:
                    return NullDatum.INSTANCE;
                case FALSE:
                    return BoolDatum.FALSE;
                case TRUE:
                    return BoolDatum.TRUE;
                case INTEGER: {
                    long z = varint();
                    return NumberDatum.of((z >>> 1) ^ -(z & 1));
                }
                case DOUBLE:
                    return NumberDatum.of(Double.longBitsToDouble(fixed64()));
                case STRING:
                    return new StringDatum(string());
                case ARRAY: {
                    int n = (int) varint();
                    List<Datum> items = new ArrayList<>(n);
                    for (int i = 0; i < n; i++) {
                        items.add(read());
                    }
                    return ArrayDatum.wrap(items);
                }
                case OBJECT:
                    return object((int) varint());
                case TIME: {
                    double epoch = Double.longBitsToDouble(fixed64());
                    return new TimeDatum(epoch, string());
                }
                case BINARY: {
                    int n = (int) varint();
                    byte[] bytes = new byte[n];
                    System.arraycopy(b, pos, bytes, 0, n);
                    pos += n;
                    return BinaryDatum.wrap(bytes);
                }
                default:
                    throw new IllegalArgumentException("bad document tag " + tag + " at " + (pos - 1));
            }
        }

        /**
         * An object's fields. The encoder writes keys in RethinkDB's order, which is the unsigned
         * order of their UTF-8 bytes, so checking each key against the previous one in the buffer
         * lets the map be built without comparing strings; records not in order still decode.
         */
        private Datum object(int n) {
            String[] keys = new String[n];
            Datum[] values = new Datum[n];
            boolean sorted = true;
            int prevStart = 0;
            int prevEnd = 0;
            for (int i = 0; i < n; i++) {
                int len = (int) varint();
                int start = pos;
                if (i > 0 && sorted) {
                    sorted = Arrays.compareUnsigned(b, prevStart, prevEnd, b, start, start + len) < 0;
                }
                keys[i] = new String(b, start, len, StandardCharsets.UTF_8);
                pos = start + len;
                prevStart = start;
                prevEnd = pos;
                values[i] = read();
            }
            if (sorted) {
                return ObjectDatum.ofSorted(keys, values, n);
            }
            TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
            for (int i = 0; i < n; i++) {
                fields.put(keys[i], values[i]);
            }
            return ObjectDatum.wrap(fields);
        }

        private String string() {
            int n = (int) varint();
            String s = new String(b, pos, n, StandardCharsets.UTF_8);
            pos += n;
            return s;
        }
    }
}

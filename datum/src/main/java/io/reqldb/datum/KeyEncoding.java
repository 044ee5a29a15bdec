package io.reqldb.datum;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * An order-preserving, self-delimiting byte encoding of values: for any two values,
 * {@code Arrays.compareUnsigned(encode(a), encode(b))} has the sign of
 * {@code DatumOrder.compare(a, b)}, and no encoding is a prefix of another. Storage builds
 * primary and secondary index keys from it, so a range of values is a range of keys and a key
 * can hold several values one after another.
 *
 * <h2>Format (version 1, on disk: never renumber a tag)</h2>
 * Every value starts with a one-byte tag; tags rise in {@link DatumType} order.
 * <pre>
 *   MINVAL    0x10
 *   ARRAY     0x20  element* 0x00
 *   FALSE     0x30          TRUE 0x31
 *   NULL      0x40
 *   NUMBER    0x50  8 bytes: IEEE bits, sign bit flipped (all bits for negatives); -0 as 0
 *   OBJECT    0x60  (0x01 key-string value)* 0x00     pairs in key order
 *   BINARY    0x70  escaped bytes
 *   GEOMETRY  0x80  same body as OBJECT
 *   TIME      0x90  epoch seconds as NUMBER's 8 bytes (the time zone is not part of the order)
 *   STRING    0xA0  escaped UTF-8
 *   MAXVAL    0xF0
 * </pre>
 * Escaped bytes: 0x00 becomes 0x00 0xFF, and 0x00 0x01 terminates, so a shorter string sorts
 * first and an embedded NUL still sorts below every other byte. Strings use UTF-8, except that a
 * lone UTF-16 surrogate is written as its 3-byte code-point form (WTF-8), which keeps code-point
 * order for any Java string. Array and object terminators (0x00) sort below every element tag
 * and the pair marker 0x01, so a prefix sorts first, as {@link DatumOrder} says.
 *
 * <p>Decoding gives back an equal value; times come back in UTC because the zone is not stored.
 */
public final class KeyEncoding {
    static final int END = 0x00;
    static final int PAIR = 0x01;
    static final int MINVAL = 0x10;
    static final int ARRAY = 0x20;
    static final int FALSE = 0x30;
    static final int TRUE = 0x31;
    static final int NULL = 0x40;
    static final int NUMBER = 0x50;
    static final int OBJECT = 0x60;
    static final int BINARY = 0x70;
    static final int GEOMETRY = 0x80;
    static final int TIME = 0x90;
    static final int STRING = 0xA0;
    static final int MAXVAL = 0xF0;

    private static final int ESCAPE_ZERO = 0xFF;
    private static final int TERMINATOR = 0x01;

    private static final ThreadLocal<ByteBuilder> SCRATCH = ThreadLocal.withInitial(ByteBuilder::new);

    private KeyEncoding() {
    }

    // ---------------------------------------------------------------- encoding

    public static byte[] encode(Datum d) {
        ByteBuilder out = SCRATCH.get().reset();
        encode(d, out);
        return out.toByteArray();
    }

    /** Appends the encoding of {@code d} to {@code out}. */
    public static void encode(Datum d, ByteBuilder out) {
        switch (d.type()) {
            case MINVAL -> out.put(MINVAL);
            case MAXVAL -> out.put(MAXVAL);
            case NULL -> out.put(NULL);
            case BOOL -> out.put(((BoolDatum) d).value() ? TRUE : FALSE);
            case NUMBER -> {
                out.put(NUMBER);
                putDouble(((NumberDatum) d).value(), out);
            }
            case TIME -> {
                out.put(TIME);
                putDouble(((TimeDatum) d).epochSeconds(), out);
            }
            case STRING -> {
                out.put(STRING);
                putString(((StringDatum) d).value(), out);
            }
            case BINARY -> {
                out.put(BINARY);
                byte[] bytes = ((BinaryDatum) d).bytes();
                for (byte b : bytes) {
                    putEscaped(b & 0xFF, out);
                }
                out.put(END).put(TERMINATOR);
            }
            case ARRAY -> {
                out.put(ARRAY);
                for (Datum item : ((ArrayDatum) d).items()) {
                    encode(item, out);
                }
                out.put(END);
            }
            case OBJECT, GEOMETRY -> {
                out.put(d.type() == DatumType.OBJECT ? OBJECT : GEOMETRY);
                for (var e : ((ObjectDatum) d).fields().entrySet()) {
                    out.put(PAIR);
                    putString(e.getKey(), out);
                    encode(e.getValue(), out);
                }
                out.put(END);
            }
        }
    }

    private static void putDouble(double v, ByteBuilder out) {
        long bits = Double.doubleToLongBits(v + 0.0); // + 0.0 turns -0.0 into 0.0
        out.putLong(bits < 0 ? ~bits : bits ^ Long.MIN_VALUE);
    }

    private static void putEscaped(int b, ByteBuilder out) {
        if (b == 0) {
            out.put(END).put(ESCAPE_ZERO);
        } else {
            out.put(b);
        }
    }

    private static void putString(String s, ByteBuilder out) {
        int n = s.length();
        out.ensure(n + 2);
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c != 0 && c < 0x80) {
                out.putUnchecked(c);
                continue;
            }
            out.ensure(n - i + 6);
            int cp = c;
            if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                cp = Character.toCodePoint(c, s.charAt(++i));
            }
            if (cp == 0) {
                out.putUnchecked(END);
                out.putUnchecked(ESCAPE_ZERO);
            } else if (cp < 0x800) {
                out.putUnchecked(0xC0 | (cp >> 6));
                out.putUnchecked(0x80 | (cp & 0x3F));
            } else if (cp < 0x10000) {
                out.putUnchecked(0xE0 | (cp >> 12));
                out.putUnchecked(0x80 | ((cp >> 6) & 0x3F));
                out.putUnchecked(0x80 | (cp & 0x3F));
            } else {
                out.putUnchecked(0xF0 | (cp >> 18));
                out.putUnchecked(0x80 | ((cp >> 12) & 0x3F));
                out.putUnchecked(0x80 | ((cp >> 6) & 0x3F));
                out.putUnchecked(0x80 | (cp & 0x3F));
            }
        }
        out.put(END).put(TERMINATOR);
    }

    // ---------------------------------------------------------------- decoding

    /** Decodes a buffer that holds exactly one encoded value. */
    public static Datum decode(byte[] bytes) {
        Reader r = new Reader(bytes, 0);
        Datum d = r.read();
        if (r.pos != bytes.length) {
            throw new IllegalArgumentException("trailing bytes after encoded value at " + r.pos);
        }
        return d;
    }

    /** Decodes the value that starts at {@code offset}. */
    public static Datum decode(byte[] bytes, int offset) {
        return new Reader(bytes, offset).read();
    }

    /** The offset just past the value that starts at {@code offset}, without decoding it. */
    public static int skip(byte[] b, int offset) {
        int tag = b[offset++] & 0xFF;
        switch (tag) {
            case MINVAL, MAXVAL, NULL, FALSE, TRUE:
                return offset;
            case NUMBER, TIME:
                return offset + 8;
            case STRING, BINARY:
                while (true) {
                    if (b[offset] == 0 && (b[offset + 1] & 0xFF) == TERMINATOR) {
                        return offset + 2;
                    }
                    offset += b[offset] == 0 ? 2 : 1;
                }
            case ARRAY:
                while (b[offset] != END) {
                    offset = skip(b, offset);
                }
                return offset + 1;
            case OBJECT, GEOMETRY:
                while (b[offset] != END) {
                    offset = skip(b, offset); // the key: a PAIR-tagged string body
                    offset = skip(b, offset);
                }
                return offset + 1;
            case PAIR:
                // Only reached for an object key: the body is a string.
                while (!(b[offset] == 0 && (b[offset + 1] & 0xFF) == TERMINATOR)) {
                    offset += b[offset] == 0 ? 2 : 1;
                }
                return offset + 2;
            default:
                throw new IllegalArgumentException("bad key tag 0x" + Integer.toHexString(tag) + " at " + (offset - 1));
        }
    }

    /** Decoding state over one buffer. */
    private static final class Reader {
        private final byte[] b;
        private int pos;

        Reader(byte[] b, int pos) {
            this.b = b;
            this.pos = pos;
        }

        Datum read() {
            int tag = b[pos++] & 0xFF;
            switch (tag) {
                case MINVAL:
                    return ExtremeDatum.MIN;
                case MAXVAL:
                    return ExtremeDatum.MAX;
                case NULL:
                    return NullDatum.INSTANCE;
                case FALSE:
                    return BoolDatum.FALSE;
                case TRUE:
                    return BoolDatum.TRUE;
                case NUMBER:
                    return NumberDatum.of(readDouble());
                case TIME:
                    return new TimeDatum(readDouble(), TimeDatum.UTC);
                case STRING:
                    return new StringDatum(readString());
                case BINARY:
                    return BinaryDatum.wrap(readEscaped());
                case ARRAY: {
                    List<Datum> items = new ArrayList<>();
                    while (b[pos] != END) {
                        items.add(read());
                    }
                    pos++;
                    return ArrayDatum.wrap(items);
                }
                case OBJECT, GEOMETRY: {
                    TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
                    while (b[pos] != END) {
                        pos++; // PAIR
                        String key = readString();
                        fields.put(key, read());
                    }
                    pos++;
                    return ObjectDatum.wrap(fields);
                }
                default:
                    throw new IllegalArgumentException("bad key tag 0x" + Integer.toHexString(tag) + " at " + (pos - 1));
            }
        }

        private double readDouble() {
            long v = 0;
            for (int i = 0; i < 8; i++) {
                v = (v << 8) | (b[pos++] & 0xFF);
            }
            return Double.longBitsToDouble(v < 0 ? v ^ Long.MIN_VALUE : ~v);
        }

        private byte[] readEscaped() {
            ByteBuilder out = new ByteBuilder(16);
            while (true) {
                int c = b[pos++] & 0xFF;
                if (c == 0) {
                    if ((b[pos++] & 0xFF) == TERMINATOR) {
                        return out.toByteArray();
                    }
                }
                out.put(c);
            }
        }

        private String readString() {
            StringBuilder sb = new StringBuilder();
            while (true) {
                int c = b[pos++] & 0xFF;
                if (c == 0) {
                    if ((b[pos++] & 0xFF) == TERMINATOR) {
                        return sb.toString();
                    }
                    sb.append('\0');
                } else if (c < 0x80) {
                    sb.append((char) c);
                } else if (c < 0xE0) {
                    sb.append((char) (((c & 0x1F) << 6) | (b[pos++] & 0x3F)));
                } else if (c < 0xF0) {
                    int cp = ((c & 0x0F) << 12) | ((b[pos] & 0x3F) << 6) | (b[pos + 1] & 0x3F);
                    pos += 2;
                    sb.append((char) cp);
                } else {
                    int cp = ((c & 0x07) << 18) | ((b[pos] & 0x3F) << 12) | ((b[pos + 1] & 0x3F) << 6) | (b[pos + 2] & 0x3F);
                    pos += 3;
                    sb.appendCodePoint(cp);
                }
            }
        }
    }
}

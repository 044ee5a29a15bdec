package io.reqldb.rethinkdata;

import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.JsonBytes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A ReQL term serialized as a protobuf {@code Term} (function bodies before RethinkDB 2.2),
 * turned into the JSON term text that 2.2+ stores, the way RethinkDB 2.4 converts it when it
 * reads such a function ({@code convert_term_tree} in {@code rdb_protocol/term_storage.cc}):
 * {@code [type, datum, 0]} for a datum, {@code [type, {optargs}, 0]} for MAKE_OBJ, otherwise
 * {@code [type, [args] (if any), {optargs} (if any), 0]}; the trailing 0 is the empty backtrace.
 *
 * <p>Fields ({@code ql2.proto}): Term — type 1, datum 2, args 3, optargs 4 (AssocPair: key 1,
 * val 2). Datum — type 1 (1 null, 2 bool, 3 number, 4 string, 5 array, 6 object, 7 JSON text in
 * r_str), r_bool 2, r_num 3 (double), r_str 4, r_array 5, r_object 6 (AssocPair: key 1, val 2).
 */
final class ProtobufTerm {
    private static final int DATUM = 1;
    private static final int MAKE_OBJ = 3;
    private static final int MAX_DEPTH = 1000;

    private ProtobufTerm() {}

    /** The JSON text of the protobuf {@code Term} in {@code bytes}. */
    static byte[] toJson(byte[] bytes) {
        ByteBuilder out = new ByteBuilder(bytes.length * 2 + 16);
        term(new Proto(bytes, 0, bytes.length), out, 0);
        return out.toByteArray();
    }

    private static void term(Proto in, ByteBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new RethinkDataException("protobuf term nested deeper than " + MAX_DEPTH);
        }
        int type = -1;
        Proto datum = null;
        List<Proto> args = new ArrayList<>();
        List<Proto> optargs = new ArrayList<>();
        while (in.more()) {
            int field = in.field();
            switch (field) {
                case 1 -> type = (int) in.varint();
                case 2 -> datum = in.message();
                case 3 -> args.add(in.message());
                case 4 -> optargs.add(in.message());
                default -> in.skipValue();
            }
        }
        if (type < 0) {
            throw new RethinkDataException("protobuf term without a type");
        }
        out.put('[');
        JsonBytes.ascii(out, Integer.toString(type));
        if (type == DATUM) {
            if (datum == null) {
                throw new RethinkDataException("protobuf DATUM term without its datum");
            }
            out.put(',');
            datum(datum, out, depth + 1);
        } else if (type == MAKE_OBJ) {
            out.put(',');
            optargs(optargs, out, depth);
        } else {
            if (!args.isEmpty()) {
                out.put(',').put('[');
                for (int i = 0; i < args.size(); i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    term(args.get(i), out, depth + 1);
                }
                out.put(']');
            }
            if (!optargs.isEmpty()) {
                out.put(',');
                optargs(optargs, out, depth);
            }
        }
        JsonBytes.ascii(out, ",0]");
    }

    private static void optargs(List<Proto> pairs, ByteBuilder out, int depth) {
        out.put('{');
        for (int i = 0; i < pairs.size(); i++) {
            if (i > 0) {
                out.put(',');
            }
            Pair p = pair(pairs.get(i));
            key(p.key, out);
            term(p.val, out, depth + 1);
        }
        out.put('}');
    }

    private static void datum(Proto in, ByteBuilder out, int depth) {
        if (depth > MAX_DEPTH) {
            throw new RethinkDataException("protobuf datum nested deeper than " + MAX_DEPTH);
        }
        int type = -1;
        boolean bool = false;
        double num = 0;
        byte[] str = null;
        List<Proto> items = new ArrayList<>();
        while (in.more()) {
            switch (in.field()) {
                case 1 -> type = (int) in.varint();
                case 2 -> bool = in.varint() != 0;
                case 3 -> num = in.f64();
                case 4 -> str = in.bytes();
                case 5, 6 -> items.add(in.message());
                default -> in.skipValue();
            }
        }
        switch (type) {
            case 1 -> JsonBytes.ascii(out, "null");
            case 2 -> JsonBytes.ascii(out, bool ? "true" : "false");
            case 3 -> number(num, out);
            case 4 -> JsonBytes.string(out, required(str), 0, str.length);
            case 5 -> {
                out.put('[');
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    datum(items.get(i), out, depth + 1);
                }
                out.put(']');
            }
            case 6 -> {
                out.put('{');
                for (int i = 0; i < items.size(); i++) {
                    if (i > 0) {
                        out.put(',');
                    }
                    Pair p = pair(items.get(i));
                    key(p.key, out);
                    datum(p.val, out, depth + 1);
                }
                out.put('}');
            }
            case 7 -> JsonBytes.ascii(out, DatumJson.write(DatumJson.parse(required(str))));
            default -> throw new RethinkDataException("protobuf datum of unknown type " + type);
        }
    }

    /** rapidjson writes a double with its shortest digits, and ".0" when they are a whole number. */
    private static void number(double v, ByteBuilder out) {
        if (!Double.isFinite(v)) {
            throw new RethinkDataException("non-finite number in a protobuf datum");
        }
        String text = DatumJson.formatNumber(v);
        JsonBytes.ascii(out, text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0 ? text + ".0" : text);
    }

    private static byte[] required(byte[] str) {
        if (str == null) {
            throw new RethinkDataException("protobuf string datum without its r_str");
        }
        return str;
    }

    private static void key(byte[] key, ByteBuilder out) {
        JsonBytes.string(out, key, 0, key.length);
        out.put(':');
    }

    private record Pair(byte[] key, Proto val) {
    }

    private static Pair pair(Proto in) {
        byte[] key = null;
        Proto val = null;
        while (in.more()) {
            switch (in.field()) {
                case 1 -> key = in.bytes();
                case 2 -> val = in.message();
                default -> in.skipValue();
            }
        }
        if (key == null || val == null) {
            throw new RethinkDataException("protobuf key/value pair without its key or value");
        }
        return new Pair(key, val);
    }

    /** Protobuf's wire format: a varint (field number << 3 | wire type) before each value. */
    private static final class Proto {
        private final byte[] b;
        private int at;
        private final int end;
        private int wireType;

        Proto(byte[] b, int from, int end) {
            this.b = b;
            this.at = from;
            this.end = end;
        }

        boolean more() {
            return at < end;
        }

        int field() {
            long key = varint();
            wireType = (int) (key & 7);
            return (int) (key >>> 3);
        }

        long varint() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int x = u8();
                v |= (long) (x & 0x7F) << shift;
                if ((x & 0x80) == 0) {
                    return v;
                }
            }
            throw new RethinkDataException("protobuf varint longer than 10 bytes");
        }

        double f64() {
            need(8);
            long v = 0;
            for (int i = 7; i >= 0; i--) {
                v = (v << 8) | (b[at + i] & 0xFF);
            }
            at += 8;
            return Double.longBitsToDouble(v);
        }

        byte[] bytes() {
            int n = length();
            byte[] out = Arrays.copyOfRange(b, at, at + n);
            at += n;
            return out;
        }

        Proto message() {
            int n = length();
            Proto p = new Proto(b, at, at + n);
            at += n;
            return p;
        }

        void skipValue() {
            switch (wireType) {
                case 0 -> varint();
                case 1 -> skip(8);
                case 2 -> skip(length());
                case 5 -> skip(4);
                default -> throw new RethinkDataException("protobuf wire type " + wireType + " at byte " + at);
            }
        }

        private int length() {
            long n = varint();
            if (n < 0 || n > end - at) {
                throw new RethinkDataException("protobuf length " + n + " runs past its message");
            }
            return (int) n;
        }

        private void skip(int n) {
            need(n);
            at += n;
        }

        private int u8() {
            need(1);
            return b[at++] & 0xFF;
        }

        private void need(int n) {
            if (at + n > end) {
                throw new RethinkDataException("protobuf message cut short at byte " + at);
            }
        }
    }
}

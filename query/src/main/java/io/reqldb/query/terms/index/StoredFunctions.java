package io.reqldb.query.terms.index;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.term.TermType;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * Functions stored by RethinkDB 2.4 — index functions and write hooks — in RethinkDB's own binary
 * encoding, so that {@code index_status()} and {@code get_write_hook()} blobs from ReqlDB can be
 * restored into RethinkDB and the other way round.
 *
 * <p>Index function blob: {@code "$reql_index_function$"}, then the disk cluster version (int8,
 * 9 = v2.4), three ReQL versions (int8 each, 7 = v2.4: original, latest compatible, latest
 * checked), the function, then {@code multi} and {@code geo} (int8 booleans). Write hook blob:
 * {@code "$reql_write_hook_function$"} then the function alone.
 *
 * <p>A function: its kind (int8, 0 = ReQL), the captured scope (a varint count of variables,
 * which we always write as 0, then the implicit-variable depth as a little-endian uint32 and, when
 * that is 1, a bool), the parameter numbers (varint count, then int64 each), the body as an int32
 * byte length followed by the body's stored-form JSON and a NUL (the length counts the NUL), and
 * the function's backtrace id (uint32).
 */
public final class StoredFunctions {
    public static final String INDEX_PREFIX = "$reql_index_function$";
    public static final String HOOK_PREFIX = "$reql_write_hook_function$";
    private static final int CLUSTER_VERSION_2_4 = 9;
    private static final int REQL_VERSION_2_4 = 7;

    private StoredFunctions() {
    }

    /** A function as the query layer keeps it: parameter numbers and body. */
    public record Func(long[] params, RawTerm body, long bt) {
        public Func(long[] params, RawTerm body) {
            this(params, body, 0);
        }

        /** The FUNC term in wire form. */
        public Datum toWire() {
            List<Datum> ps = new ArrayList<>();
            for (long p : params) {
                ps.add(NumberDatum.of(p));
            }
            List<Datum> vars = List.of(NumberDatum.of(TermType.MAKE_ARRAY.number()), ArrayDatum.wrap(ps));
            return ArrayDatum.of(NumberDatum.of(TermType.FUNC.number()),
                    ArrayDatum.of(ArrayDatum.wrap(vars), body.toWire()));
        }

        /** From a FUNC term in wire form. */
        public static Func fromWire(Datum func) {
            RawTerm t = RawTerm.fromWire(func);
            RawTerm vars = t.args().get(0);
            long[] params;
            if (vars.type() == RawTerm.DATUM) {
                List<Datum> items = ((ArrayDatum) vars.datum()).items();
                params = items.stream().mapToLong(d -> (long) ((NumberDatum) d).value()).toArray();
            } else {
                params = vars.args().stream().mapToLong(a -> (long) ((NumberDatum) a.datum()).value()).toArray();
            }
            return new Func(params, t.args().get(1));
        }
    }

    /** A decoded index function with its flags. */
    public record IndexFunc(Func func, boolean multi, boolean geo) {
    }

    // ----------------------------------------------------------------- encoding

    public static byte[] encodeIndex(Func f, boolean multi, boolean geo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(INDEX_PREFIX.getBytes(StandardCharsets.UTF_8));
        out.write(CLUSTER_VERSION_2_4);
        out.write(REQL_VERSION_2_4);
        out.write(REQL_VERSION_2_4);
        out.write(REQL_VERSION_2_4);
        writeFunc(out, f);
        out.write(multi ? 1 : 0);
        out.write(geo ? 1 : 0);
        return out.toByteArray();
    }

    public static byte[] encodeHook(Func f) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(HOOK_PREFIX.getBytes(StandardCharsets.UTF_8));
        writeFunc(out, f);
        return out.toByteArray();
    }

    private static void writeFunc(ByteArrayOutputStream out, Func f) {
        out.write(0);
        writeVarint(out, 0);
        writeInt(out, 0);
        writeVarint(out, f.params().length);
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        for (long p : f.params()) {
            b.clear();
            b.putLong(p);
            out.writeBytes(b.array());
        }
        byte[] json = DatumJson.write(f.body().toStored()).getBytes(StandardCharsets.UTF_8);
        writeInt(out, json.length + 1);
        out.writeBytes(json);
        out.write(0);
        writeInt(out, (int) f.bt());
    }

    private static void writeVarint(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) ((v & 0x7F) | 0x80));
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static void writeInt(ByteArrayOutputStream out, int v) {
        out.write(v & 0xFF);
        out.write((v >>> 8) & 0xFF);
        out.write((v >>> 16) & 0xFF);
        out.write((v >>> 24) & 0xFF);
    }

    // ----------------------------------------------------------------- decoding

    /** Decodes an index blob; RethinkDB's errors for foreign or damaged blobs. */
    public static IndexFunc decodeIndex(byte[] blob) {
        if (!startsWith(blob, INDEX_PREFIX)) {
            throw new ReqlQueryLogicError("Cannot create an sindex except from a reql_index_function returned from "
                    + "`index_status` in the field `function`.");
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
            in.position(INDEX_PREFIX.length());
            in.get();
            in.get();
            in.get();
            in.get();
            Func f = readFunc(in);
            boolean multi = in.get() != 0;
            boolean geo = in.hasRemaining() && in.get() != 0;
            return new IndexFunc(f, multi, geo);
        } catch (RuntimeException e) {
            if (e instanceof ReqlQueryLogicError q) {
                throw q;
            }
            throw new ReqlQueryLogicError("Binary blob passed to index create could not be interpreted as a "
                    + "reql_index_function (" + e.getMessage() + ").");
        }
    }

    /** The FUNC term (wire form) stored in an index definition's blob. */
    public static Datum indexFunctionWire(byte[] blob) {
        return decodeIndex(blob).func().toWire();
    }

    /** Decodes a write-hook blob. */
    public static Func decodeHook(byte[] blob) {
        if (!startsWith(blob, HOOK_PREFIX)) {
            throw new ReqlQueryLogicError("Cannot create a write hook except from a reql_write_hook_function "
                    + "returned from `get_write_hook`.");
        }
        ByteBuffer in = ByteBuffer.wrap(blob).order(ByteOrder.LITTLE_ENDIAN);
        in.position(HOOK_PREFIX.length());
        return readFunc(in);
    }

    private static Func readFunc(ByteBuffer in) {
        int kind = in.get();
        if (kind != 0) {
            throw new ReqlQueryLogicError("JavaScript functions stored in blobs are not supported.");
        }
        long vars = readVarint(in);
        if (vars != 0) {
            throw new IllegalStateException("captured variables are not supported");
        }
        int implicitDepth = in.getInt();
        if (implicitDepth == 1 && in.get() != 0) {
            throw new IllegalStateException("a captured implicit variable is not supported");
        }
        int n = (int) readVarint(in);
        long[] params = new long[n];
        for (int i = 0; i < n; i++) {
            params[i] = in.getLong();
        }
        int size = in.getInt();
        byte[] json = new byte[size];
        in.get(json);
        int len = size;
        while (len > 0 && json[len - 1] == 0) {
            len--;
        }
        Datum body = DatumJson.parse(new String(json, 0, len, StandardCharsets.UTF_8));
        long bt = in.getInt() & 0xFFFFFFFFL;
        return new Func(params, RawTerm.fromStored(body), bt);
    }

    private static long readVarint(ByteBuffer in) {
        long v = 0;
        int shift = 0;
        while (true) {
            int b = in.get() & 0xFF;
            v |= (long) (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                return v;
            }
            shift += 7;
        }
    }

    private static boolean startsWith(byte[] blob, String prefix) {
        byte[] p = prefix.getBytes(StandardCharsets.UTF_8);
        if (blob.length < p.length) {
            return false;
        }
        for (int i = 0; i < p.length; i++) {
            if (blob[i] != p[i]) {
                return false;
            }
        }
        return true;
    }

    // ----------------------------------------------------------------- descriptions

    /** RethinkDB's {@code query} text: {@code function(var1) { return ...; }}. */
    public static String jsFunction(Func f) {
        StringBuilder s = new StringBuilder("function(");
        for (int i = 0; i < f.params().length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(JsPrinter.varName(f.params()[i]));
        }
        return s.append(") { return ").append(JsPrinter.print(f.body())).append("; }").toString();
    }

    /**
     * A write hook as a table's settings keep it: RethinkDB's blob, which holds the backtrace ids
     * of the query that set it (so that {@code get_write_hook} gives back the very blob a restore
     * set), or, as data directories written before kept it, the FUNC term's wire form.
     */
    public static Func writeHook(Datum saved) {
        return saved instanceof BinaryDatum blob ? decodeHook(blob.bytes()) : Func.fromWire(saved);
    }

    /** {@code table_config}'s and {@code get_write_hook}'s description of a hook as settings keep it. */
    public static Datum writeHookInfo(Datum saved) {
        Func f = writeHook(saved);
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("function", BinaryDatum.wrap(encodeHook(f)));
        m.put("query", new StringDatum("setWriteHook(" + jsFunction(f) + ")"));
        return ObjectDatum.wrap(m);
    }
}

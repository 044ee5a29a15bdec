package io.reqldb.jsworker.worker;

import io.reqldb.jsworker.wire.Protocol;
import io.reqldb.jsworker.wire.WireWriter;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Function;
import org.mozilla.javascript.NativeArray;
import org.mozilla.javascript.ScriptableObject;
import org.mozilla.javascript.Undefined;
import org.mozilla.javascript.Wrapper;

/**
 * Writes a script's result as a {@link Protocol} value, refusing what RethinkDB 2.4 refuses:
 * {@code undefined}, functions, RegExps, invalid Dates, non-finite numbers, and nesting deeper
 * than its recursion limit (a circular structure never ends).
 */
final class JsToWire {
    private static final int RECURSION_LIMIT = 1000;

    /** A value that cannot come back to the server; the message is RethinkDB's. */
    static final class Unconvertible extends RuntimeException {
        Unconvertible(String message) {
            super(message, null, false, false);
        }
    }

    private JsToWire() {
    }

    static void write(WireWriter w, Object v) {
        write(w, v, RECURSION_LIMIT);
    }

    private static void write(WireWriter w, Object v, int depth) {
        if (depth == 0) {
            throw new Unconvertible("Recursion limit exceeded in js_to_json (circular reference?).");
        }
        if (v instanceof Wrapper wrapper) {
            v = wrapper.unwrap();
        }
        if (v instanceof CharSequence s) {
            w.string(s.toString());
        } else if (v instanceof Number n) {
            double d = n.doubleValue();
            if (!Double.isFinite(d)) {
                throw new Unconvertible("Number return value is not finite.");
            }
            w.number(d);
        } else if (v instanceof Boolean b) {
            w.writeByte(b ? Protocol.TRUE : Protocol.FALSE);
        } else if (v == null) {
            w.writeByte(Protocol.NULL);
        } else if (Undefined.isUndefined(v)) {
            throw new Unconvertible("Cannot convert javascript `undefined` to ql::datum_t.");
        } else if (v instanceof NativeArray a) {
            long n = a.getLength();
            w.writeByte(Protocol.ARRAY).writeInt((int) n);
            for (long i = 0; i < n; i++) {
                write(w, a.get((int) i, a), depth - 1);
            }
        } else if (v instanceof Function) {
            throw new Unconvertible("Cannot convert function to ql::datum_t.");
        } else if (v instanceof ScriptableObject s) {
            writeObject(w, s, depth);
        } else {
            throw new Unconvertible("Unhandled value type when converting to ql::datum_t.");
        }
    }

    private static void writeObject(WireWriter w, ScriptableObject s, int depth) {
        switch (s.getClassName()) {
            case "RegExp" -> throw new Unconvertible("Cannot convert RegExp to ql::datum_t.");
            case "Date" -> {
                double ms = Context.toNumber(ScriptableObject.callMethod(s, "valueOf", new Object[0]));
                if (Double.isNaN(ms)) {
                    throw new Unconvertible("Invalid Date in JS environment");
                }
                w.writeByte(Protocol.TIME).writeDouble(ms);
            }
            default -> {
                Object[] ids = s.getIds();
                w.writeByte(Protocol.OBJECT).writeInt(ids.length);
                for (Object id : ids) {
                    w.writeString(id.toString());
                    write(w, id instanceof Integer i ? s.get(i, s) : s.get(id.toString(), s), depth - 1);
                }
            }
        }
    }
}

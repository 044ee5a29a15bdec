package io.reqldb.jsworker.worker;

import io.reqldb.jsworker.wire.Protocol;
import io.reqldb.jsworker.wire.WireReader;
import org.mozilla.javascript.Context;
import org.mozilla.javascript.Scriptable;
import org.mozilla.javascript.ScriptableObject;

/** Builds the JavaScript value of a {@link Protocol} value: times become {@code Date}s. */
final class WireToJs {
    private WireToJs() {
    }

    static Object read(WireReader in, Context cx, Scriptable scope) {
        byte tag = in.readByte();
        switch (tag) {
            case Protocol.NULL:
                return null;
            case Protocol.FALSE:
                return Boolean.FALSE;
            case Protocol.TRUE:
                return Boolean.TRUE;
            case Protocol.NUMBER:
                return in.readDouble();
            case Protocol.STRING:
                return in.readString();
            case Protocol.ARRAY: {
                Object[] items = new Object[in.readCount()];
                for (int i = 0; i < items.length; i++) {
                    items[i] = read(in, cx, scope);
                }
                return cx.newArray(scope, items);
            }
            case Protocol.OBJECT: {
                int n = in.readCount();
                Scriptable obj = cx.newObject(scope);
                for (int i = 0; i < n; i++) {
                    String key = in.readString();
                    ScriptableObject.putProperty(obj, key, read(in, cx, scope));
                }
                return obj;
            }
            case Protocol.TIME:
                return cx.newObject(scope, "Date", new Object[] {in.readDouble()});
            default:
                throw new IllegalStateException("unknown value tag " + tag);
        }
    }
}

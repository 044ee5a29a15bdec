package io.reqldb.tools.conn;

import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.gen.proto.TermType;
import com.rethinkdb.model.Arguments;
import com.rethinkdb.model.OptArgs;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A document (or any JSON value read from a data file) sent the way the official Python tools
 * send it: objects as plain JSON objects, arrays as MAKE_ARRAY terms, scalars as they are. So
 * the {@code $reql_type$} objects of a dump (TIME, BINARY, GEOMETRY, index and hook functions)
 * reach the server exactly as {@code rethinkdb restore} sends them. The Java driver on its own
 * would wrap every object in a MAKE_OBJ term; this is also cheaper for large batches.
 */
public final class WireValue extends ReqlExpr {
    private final Object value;

    /** Wraps a value made of Map, List, String, Number, Boolean and null. */
    public WireValue(Object value) {
        super(TermType.MAKE_OBJ, new Arguments(), new OptArgs());
        this.value = value;
    }

    @Override
    protected Object build() {
        return encode(value);
    }

    private static Object encode(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> object = new LinkedHashMap<>(map.size() * 2);
            map.forEach((k, v) -> object.put(k, encode(v)));
            return object;
        }
        if (value instanceof List<?> list) {
            List<Object> items = new ArrayList<>(list.size());
            list.forEach(v -> items.add(encode(v)));
            return List.of(TermType.MAKE_ARRAY.value, items);
        }
        return value;
    }
}

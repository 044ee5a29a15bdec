package io.reqldb.rethinkdata;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.TreeMap;

/**
 * Builds each stored row as a {@link Datum} straight from {@link DatumText}'s tokens, for
 * {@code migrate}: the same value {@link DatumJson#parse} makes of the server's text for the row
 * (objects through {@link DatumJson#fromObject}, so TIME and BINARY pseudo-type objects become
 * their classes as they do there), without writing that text and parsing it again. Containers are
 * kept on a stack of its own, not the call stack.
 */
public final class DatumBuilder implements JsonSink {
    /** An open array (fields null) or object (items null, key the member being read). */
    private static final class Open {
        final List<Datum> items;
        final TreeMap<String, Datum> fields;
        String key;

        Open(boolean object) {
            items = object ? null : new ArrayList<>();
            fields = object ? ObjectDatum.newFieldMap() : null;
        }
    }

    private final Deque<Open> open = new ArrayDeque<>();
    private Datum done;

    /** The row built since the last take. */
    public Datum take() {
        Datum row = done;
        done = null;
        return row;
    }

    private void value(Datum d) {
        Open top = open.peek();
        if (top == null) {
            done = d;
        } else if (top.items != null) {
            top.items.add(d);
        } else {
            top.fields.put(top.key, d);
        }
    }

    @Override
    public void beginObject() {
        open.push(new Open(true));
    }

    @Override
    public void endObject() {
        value(DatumJson.fromObject(open.pop().fields));
    }

    @Override
    public void beginArray() {
        open.push(new Open(false));
    }

    @Override
    public void endArray() {
        value(ArrayDatum.wrap(open.pop().items));
    }

    @Override
    public void comma() {
    }

    @Override
    public void key(byte[] utf8, int offset, int length) {
        open.peek().key = new String(utf8, offset, length, StandardCharsets.UTF_8);
    }

    @Override
    public void string(byte[] utf8, int offset, int length) {
        value(new StringDatum(new String(utf8, offset, length, StandardCharsets.UTF_8)));
    }

    @Override
    public void number(double value) {
        value(NumberDatum.of(value));
    }

    @Override
    public void bool(boolean value) {
        value(value ? BoolDatum.TRUE : BoolDatum.FALSE);
    }

    @Override
    public void nil() {
        value(NullDatum.INSTANCE);
    }

    @Override
    public void binary(byte[] bytes, int offset, int length) {
        value(BinaryDatum.wrap(Arrays.copyOfRange(bytes, offset, offset + length)));
    }
}

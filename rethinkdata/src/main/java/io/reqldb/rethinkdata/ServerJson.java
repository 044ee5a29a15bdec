package io.reqldb.rethinkdata;

import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.JsonBytes;

/** The JSON text a server sends for a datum (times and binaries raw), into a {@link ByteBuilder}. */
public final class ServerJson implements JsonSink {
    private final ByteBuilder out;

    public ServerJson(ByteBuilder out) {
        this.out = out;
    }

    @Override
    public void beginObject() {
        out.put('{');
    }

    @Override
    public void endObject() {
        out.put('}');
    }

    @Override
    public void beginArray() {
        out.put('[');
    }

    @Override
    public void endArray() {
        out.put(']');
    }

    @Override
    public void comma() {
        out.put(',');
    }

    @Override
    public void key(byte[] utf8, int offset, int length) {
        JsonBytes.string(out, utf8, offset, length);
        out.put(':');
    }

    @Override
    public void string(byte[] utf8, int offset, int length) {
        JsonBytes.string(out, utf8, offset, length);
    }

    @Override
    public void number(double value) {
        JsonBytes.number(out, value);
    }

    @Override
    public void bool(boolean value) {
        JsonBytes.ascii(out, value ? "true" : "false");
    }

    @Override
    public void nil() {
        JsonBytes.ascii(out, "null");
    }

    @Override
    public void binary(byte[] bytes, int offset, int length) {
        JsonBytes.binary(out, bytes, offset, length);
    }
}

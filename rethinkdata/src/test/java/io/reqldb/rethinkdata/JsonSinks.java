package io.reqldb.rethinkdata;

/** Test helpers over {@link JsonSink}, shared through the test jar. */
public final class JsonSinks {
    private JsonSinks() {
    }

    /** Every call to both sinks. */
    public static JsonSink tee(JsonSink a, JsonSink b) {
        return new JsonSink() {
            @Override
            public void beginObject() {
                a.beginObject();
                b.beginObject();
            }

            @Override
            public void endObject() {
                a.endObject();
                b.endObject();
            }

            @Override
            public void beginArray() {
                a.beginArray();
                b.beginArray();
            }

            @Override
            public void endArray() {
                a.endArray();
                b.endArray();
            }

            @Override
            public void comma() {
                a.comma();
                b.comma();
            }

            @Override
            public void key(byte[] utf8, int offset, int length) {
                a.key(utf8, offset, length);
                b.key(utf8, offset, length);
            }

            @Override
            public void string(byte[] utf8, int offset, int length) {
                a.string(utf8, offset, length);
                b.string(utf8, offset, length);
            }

            @Override
            public void number(double value) {
                a.number(value);
                b.number(value);
            }

            @Override
            public void bool(boolean value) {
                a.bool(value);
                b.bool(value);
            }

            @Override
            public void nil() {
                a.nil();
                b.nil();
            }

            @Override
            public void binary(byte[] bytes, int offset, int length) {
                a.binary(bytes, offset, length);
                b.binary(bytes, offset, length);
            }
        };
    }
}

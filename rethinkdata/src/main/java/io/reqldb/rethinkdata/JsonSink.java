package io.reqldb.rethinkdata;

/**
 * Where {@link DatumText} spells a stored datum out as JSON, a token at a time: the server's own
 * text ({@link ServerJson}), or another spelling of the same value (the dump's data files), with
 * no text in between to parse again.
 */
public interface JsonSink {
    void beginObject();

    void endObject();

    void beginArray();

    void endArray();

    /** Between two elements of an array, or two members of an object. */
    void comma();

    /** A member's key (UTF-8), and what separates it from its value. */
    void key(byte[] utf8, int offset, int length);

    void string(byte[] utf8, int offset, int length);

    /** A finite number. */
    void number(double value);

    void bool(boolean value);

    void nil();

    /** A BINARY: the pseudo-type object of its bytes in base64, as the server sends it. */
    void binary(byte[] bytes, int offset, int length);
}

package io.reqldb.tools.conn;

/**
 * The JSON text of a whole SUCCESS_ATOM response ({@code {"t": 1, "r": [value], ...}}) as it
 * came off the wire, delivered by a connection from {@link Endpoint#connectRaw()}.
 */
public record RawJson(byte[] bytes, int offset, int length) {}

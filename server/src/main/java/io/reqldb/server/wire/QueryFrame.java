package io.reqldb.server.wire;

/**
 * One query as it arrived, before its JSON is parsed: parsing happens off the event loop.
 *
 * @param token   the client's number for the query, echoed in every response to it
 * @param payload the JSON text {@code [type, term, optargs]} as UTF-8 bytes
 */
public record QueryFrame(long token, byte[] payload) {
}

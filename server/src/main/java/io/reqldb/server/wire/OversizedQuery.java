package io.reqldb.server.wire;

/**
 * A frame whose declared length reached the query size limit. The decoder emits it once (after
 * skipping the body, when that is within reason); the connection answers it and closes.
 *
 * @param token the client's number for the query
 * @param size  the length the client declared, in bytes
 */
public record OversizedQuery(long token, long size) {
}

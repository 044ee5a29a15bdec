/**
 * The wire format only: turning bytes into {@link io.reqldb.server.wire.QueryFrame}s and
 * {@link io.reqldb.server.wire.Query}s, and {@link io.reqldb.server.wire.Response}s into bytes.
 * Limits are checked before bytes are buffered, and malformed input fails with RethinkDB's
 * message rather than an exception that escapes to Netty.
 */
package io.reqldb.server.wire;

/**
 * One connection's life: {@link io.reqldb.server.conn.HandshakeHandler} until authenticated,
 * then {@link io.reqldb.server.conn.ConnectionHandler} feeding a per-connection dispatcher that
 * takes queries in arrival order and runs them on worker threads, one cursor per token.
 * Responses for different tokens interleave; a token's own responses are in order.
 */
package io.reqldb.server.conn;

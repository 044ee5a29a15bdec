/**
 * The client driver port of ReqlDB: {@link io.reqldb.server.ReqlServer} listens, and each
 * connection goes through three layers that only depend downwards:
 * <ul>
 *   <li>{@code wire}: bytes to messages and back (magic numbers, query frames, responses,
 *       handshake messages); no state beyond one frame, no threads.</li>
 *   <li>{@code auth}: users and SCRAM-SHA-256, with RethinkDB's error codes.</li>
 *   <li>{@code conn}: a connection's life: the handshake, then queries by token, their cursors,
 *       noreply bookkeeping, and the worker pools they run on.</li>
 *   <li>{@code tls}: optional TLS below all of them (RethinkDB's {@code --driver-tls-*} options),
 *       set up once at start-up on the JDK's TLS.</li>
 * </ul>
 * Texts a client can see (errors, refusals) are RethinkDB 2.4's, because drivers and tools
 * compare them. Only quick queries ({@link io.reqldb.query.QuickQueries}: literals, point gets,
 * short pages in primary-key order) run on the event loop, where a hand-off would cost more than
 * the query; every other query runs on worker threads, since storage scans and changefeed reads
 * may take long or block.
 *
 * <p>Tests: codec and handshake on Netty's {@code EmbeddedChannel}, byte by byte; everything
 * else against a real server on a loopback port, through the official Java driver or a bare
 * socket, never with mocks.
 */
package io.reqldb.server;

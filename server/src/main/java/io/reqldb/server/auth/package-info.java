/**
 * Users and authentication: the {@link io.reqldb.server.auth.UserStore} the handshake asks, and
 * the server side of SCRAM-SHA-256 as RethinkDB 2.4 runs it. Nothing here touches the network.
 */
package io.reqldb.server.auth;

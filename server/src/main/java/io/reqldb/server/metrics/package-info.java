/**
 * The optional metrics endpoint ({@code serve --metrics-port}): {@code GET /metrics} answers in
 * Prometheus' text exposition format with the server's connections, queries and their latency,
 * documents read and written (RethinkDB's stats counters) and RocksDB's own figures. Its own
 * small Netty HTTP server; it reads the same counters {@code rethinkdb.stats} does.
 */
package io.reqldb.server.metrics;

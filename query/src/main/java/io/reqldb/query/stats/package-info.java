/**
 * What the server has been doing, for {@code rethinkdb.stats} and the metrics endpoint: client
 * connections, queries and their latency ({@link ServerActivity}, counted by the network layer),
 * and per-second rates of growing totals ({@link PerSecond}). Documents read and written are
 * counted by the storage ({@link io.reqldb.storage.DocumentTraffic}).
 */
package io.reqldb.query.stats;

package io.reqldb.query.stats;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The network layer's figures, as RethinkDB's stats name them: client connections open, clients
 * with a query unanswered ({@code clients_active}), queries received ({@code queries_total}), and
 * how long each query took to its first answer.
 */
public final class ServerActivity {
    private final AtomicInteger connections = new AtomicInteger();
    private final AtomicInteger activeClients = new AtomicInteger();
    private final LongAdder queries = new LongAdder();
    private final LatencyHistogram latency = new LatencyHistogram();

    public void connectionOpened() {
        connections.incrementAndGet();
    }

    public void connectionClosed() {
        connections.decrementAndGet();
    }

    /** A connection went from no query unanswered to one ({@code +1}), or back ({@code -1}). */
    public void clientActive(int change) {
        activeClients.addAndGet(change);
    }

    public void queryReceived() {
        queries.increment();
    }

    /** A query got its first answer this long after it arrived. */
    public void queryAnswered(long nanos) {
        latency.record(nanos);
    }

    public int clientConnections() {
        return connections.get();
    }

    public int clientsActive() {
        return activeClients.get();
    }

    public long queriesTotal() {
        return queries.sum();
    }

    public LatencyHistogram latency() {
        return latency;
    }
}

package io.reqldb.bench;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import com.rethinkdb.net.Result;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * {@code table.changes()} feeds left open during a workload, each on a connection of its own and
 * read by a client thread that counts the changes, as an application's listeners would.
 */
final class Changefeeds implements AutoCloseable {
    private final List<Connection> connections = new ArrayList<>();
    private final List<Thread> readers = new ArrayList<>();
    private final List<AtomicLong> received = new ArrayList<>();

    private Changefeeds() {
    }

    static Changefeeds open(Supplier<Connection> connect, String db, String table, int count) {
        Changefeeds feeds = new Changefeeds();
        for (int i = 0; i < count; i++) {
            Connection conn = connect.get();
            Result<Object> cursor = r.db(db).table(table).changes().run(conn);
            AtomicLong seen = new AtomicLong();
            Thread reader = new Thread(() -> {
                try {
                    while (cursor.hasNext()) {
                        cursor.next();
                        seen.incrementAndGet();
                    }
                } catch (RuntimeException closed) {
                    // the connection was closed at the end of the run
                }
            }, "feed-" + i);
            reader.setDaemon(true);
            reader.start();
            feeds.connections.add(conn);
            feeds.readers.add(reader);
            feeds.received.add(seen);
        }
        return feeds;
    }

    /** The fewest changes any feed has received so far. */
    long leastReceived() {
        return received.stream().mapToLong(AtomicLong::get).min().orElse(0);
    }

    @Override
    public void close() {
        connections.forEach(Connection::close);
    }
}

package io.reqldb.server;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import io.reqldb.query.QueryEngine;
import io.reqldb.server.auth.InMemoryUserStore;
import io.reqldb.server.auth.UserStore;

/**
 * A real server on a free loopback port, for tests that talk to it through the official driver.
 * It takes any {@link QueryEngine}, so the same tests can run on the real engine later.
 */
final class DriverTestServer implements AutoCloseable {
    final ReqlServer server;

    DriverTestServer(QueryEngine engine, UserStore users) throws InterruptedException {
        // Few threads: the machine running the tests is small and shared.
        server = new ReqlServer(ServerConfig.builder().driverPort(0).queryThreads(4).feedThreads(16).build(),
                engine, users).start();
    }

    DriverTestServer(QueryEngine engine) throws InterruptedException {
        this(engine, InMemoryUserStore.withAdmin(""));
    }

    Connection connect() {
        return connect("admin", "");
    }

    Connection connect(String user, String password) {
        return RethinkDB.r.connection().hostname("127.0.0.1").port(server.port()).user(user, password).connect();
    }

    @Override
    public void close() {
        server.close();
    }
}

package io.reqldb.tools.live;

import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.conn.Endpoint;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The two live servers a copying or comparing tool works between, each with a connection open,
 * and one database dropped on both before and after every test so each starts clean. Register it
 * with {@code @RegisterExtension}; it skips the test when there is no live server.
 */
final class TwoServers implements BeforeEachCallback, AfterEachCallback {
    private final String database;
    private Endpoint source;
    private Endpoint target;
    private Connection src;
    private Connection dst;

    TwoServers(String database) {
        this.database = database;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        source = LiveServer.endpoint();
        target = LiveServer.second();
        src = source.connect();
        dst = target.connect();
        Tables.drop(src, database);
        Tables.drop(dst, database);
    }

    @Override
    public void afterEach(ExtensionContext context) {
        for (Connection conn : new Connection[] {src, dst}) {
            if (conn != null) {
                Tables.drop(conn, database);
                conn.close();
            }
        }
        src = null;
        dst = null;
    }

    /** The server the tools read from (their {@code -c}). */
    Endpoint source() {
        return source;
    }

    /** The server the tools write to or compare with (their {@code --to}). */
    Endpoint target() {
        return target;
    }

    Connection src() {
        return src;
    }

    Connection dst() {
        return dst;
    }

    /** Fails unless the target's table holds exactly the source's rows, in primary-key order. */
    void assertTargetHasSourceRows(String db, String table, String primaryKey) {
        assertThat(Tables.rows(dst, db, table, primaryKey)).containsExactlyElementsOf(Tables.rows(src, db, table, primaryKey));
    }
}

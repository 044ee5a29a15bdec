package io.reqldb.cli;

import static com.rethinkdb.RethinkDB.r;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.rethinkdb.net.Connection;
import io.reqldb.query.terms.http.HttpAccess;
import io.reqldb.server.ReqlServer;
import io.reqldb.server.ServerConfig;
import io.reqldb.storage.rocksdb.RocksStoreOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A server on a data directory (one a command made), in this JVM, on a free loopback port. */
record ServedDirectory(ServeBackend backend, ReqlServer server) implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    static ServedDirectory open(Path directory) throws Exception {
        ServeBackend backend = ServeBackend.open(directory, RocksStoreOptions.DEFAULT.cacheSizeMb(), HttpAccess.STRICT);
        try {
            return new ServedDirectory(backend, new ReqlServer(ServerConfig.builder().driverPort(0).queryThreads(2)
                    .feedThreads(2).build(), backend.engine(), backend.users(null)).start());
        } catch (Exception e) {
            backend.close();
            throw e;
        }
    }

    Connection connect(String user, String password) {
        return r.connection().hostname("127.0.0.1").port(server.port()).user(user, password).connect();
    }

    /** The table's rows, in order of their {@code id}. */
    List<JsonNode> rows(Connection conn, String db, String table) {
        List<JsonNode> out = new ArrayList<>();
        for (Object row : (List<?>) r.db(db).table(table).orderBy().optArg("index", "id").coerceTo("array").run(conn)
                .single()) {
            out.add(JSON.valueToTree(row));
        }
        return out;
    }

    @Override
    public void close() throws Exception {
        try {
            server.close();
        } finally {
            backend.close();
        }
    }
}

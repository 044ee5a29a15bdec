package io.reqldb.bench;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The benchmarks' command line, {@code --name value} pairs, and their shared set-up steps. */
final class BenchOptions {
    private final Map<String, String> values = new HashMap<>();

    BenchOptions(String[] args) {
        for (int i = 0; i + 1 < args.length; i += 2) {
            values.put(args[i].replaceFirst("^--", ""), args[i + 1]);
        }
    }

    String string(String name, String defaultValue) {
        return values.getOrDefault(name, defaultValue);
    }

    int integer(String name, int defaultValue) {
        return Integer.parseInt(string(name, Integer.toString(defaultValue)));
    }

    long seconds(long defaultValue) {
        return Long.parseLong(string("seconds", Long.toString(defaultValue)));
    }

    /** Drops database {@code db} when it exists, then creates it empty. */
    static void recreateDatabase(Connection c, String db) {
        if (((List<?>) r.dbList().run(c).single()).contains(db)) {
            r.dbDrop(db).run(c);
        }
        r.dbCreate(db).run(c);
    }
}

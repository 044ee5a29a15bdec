package io.reqldb.tools.conn;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The server's version as the official tools read and gate it. */
public record ServerVersion(int major, int minor, int patch, String text) {
    private static final Pattern FORMAT = Pattern.compile("^(rethinkdb|rebirthdb) (\\d+)\\.(\\d+)\\.(\\d+)");

    /** Reads {@code r.db("rethinkdb").table("server_status")[0]["process"]["version"]}. */
    public static ServerVersion read(Connection conn) {
        String text = String.valueOf(r.db("rethinkdb").table("server_status").bracket(0)
                .bracket("process").bracket("version").run(conn).single());
        Matcher m = FORMAT.matcher(text);
        if (!m.find()) {
            throw ToolException.failure("invalid version string format: " + text);
        }
        return new ServerVersion(Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)),
                Integer.parseInt(m.group(4)), text);
    }

    /** Fails below 1.6, the oldest version the tools support. */
    public ServerVersion requireSupported() {
        if (!atLeast(1, 6, 0)) {
            throw ToolException.failure("Incompatible version, expected >= 1.6.0 got: " + text);
        }
        return this;
    }

    /** Write hooks exist from 2.3.7 on. */
    public boolean hasWriteHooks() {
        return atLeast(2, 3, 7);
    }

    private boolean atLeast(int ma, int mi, int pa) {
        return major != ma ? major > ma : minor != mi ? minor > mi : patch >= pa;
    }
}

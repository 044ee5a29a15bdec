package io.reqldb.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared fixtures made by the real RethinkDB 2.4.4 and its official tools. */
public final class Fixtures {
    private Fixtures() {}

    /** The {@code rethinkdb-2.4.4} fixture folder; skips the test when it is not checked out. */
    public static Path rethinkdb244() {
        return root().resolve("rethinkdb-2.4.4");
    }

    /** The {@code derived} fixture folder. */
    public static Path derived() {
        return root().resolve("derived");
    }

    private static Path root() {
        String env = System.getenv("REQLDB_FIXTURES");
        if (env != null) {
            return Path.of(env);
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures");
            if (Files.isDirectory(candidate.resolve("rethinkdb-2.4.4"))) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/fixtures not found; set REQLDB_FIXTURES");
        return null;
    }
}

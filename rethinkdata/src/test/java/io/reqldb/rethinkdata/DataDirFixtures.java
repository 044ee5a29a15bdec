package io.reqldb.rethinkdata;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The RethinkDB 2.4.4 data-directory fixtures in {@code shared/fixtures/rethinkdb-2.4.4/datadir}, unpacked. */
public final class DataDirFixtures {
    private DataDirFixtures() {}

    /** The fixture folder; skips the test when shared/ is not there. */
    public static Path folder() {
        String env = System.getenv("REQLDB_FIXTURES");
        if (env != null) {
            return Path.of(env, "rethinkdb-2.4.4", "datadir");
        }
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("shared/fixtures/rethinkdb-2.4.4/datadir");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        assumeTrue(false, "shared/fixtures not found; set REQLDB_FIXTURES");
        return null;
    }

    /** Unpacks {@code archive} (rethinkdb_data.tar.gz or unclean_data.tar.gz) into {@code into}; returns its rethinkdb_data. */
    public static Path unpack(String archive, Path into) throws IOException, InterruptedException {
        Process tar = new ProcessBuilder("tar", "xzf", folder().resolve(archive).toString(), "-C", into.toString())
                .inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IOException("tar failed on " + archive);
        }
        return into.resolve("rethinkdb_data");
    }

    /** expected.json or expected-unclean.json, parsed. */
    public static ObjectDatum expected(String name) throws IOException {
        return (ObjectDatum) DatumJson.parse(Files.readAllBytes(folder().resolve(name)));
    }

    /** The expected table {@code db.table}'s object. */
    public static ObjectDatum table(ObjectDatum expected, String name) {
        return (ObjectDatum) ((ObjectDatum) expected.get("tables")).get(name);
    }

    /** A row's canonical JSON text, for comparisons. */
    public static String canonical(Datum row) {
        return DatumJson.write(row);
    }

    static ArrayDatum rows(ObjectDatum table) {
        return (ArrayDatum) table.get("rows");
    }
}

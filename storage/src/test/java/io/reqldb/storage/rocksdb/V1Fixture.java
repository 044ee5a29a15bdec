package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.storage.IndexClassifier;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.IndexFunctionCompiler;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The committed format-1 data directory ({@code fixtures/v1/reqldb_data}, written by the format-1
 * code through the query layer: see query's V1FixtureGenerator) and what storage tests need to
 * use it without the query layer: its indexes' functions and which are plain field lookups.
 * <pre>
 *   test.people (pk id, 5 docs)   age, joined: field lookups; tags: multi field; name_lower: name.downcase()
 *   test.orders (pk code, 3 docs) customer_day: [customer, day]; double_total: total * 2
 * </pre>
 */
final class V1Fixture {
    /** The plain field lookups among the fixture's indexes (the query layer's classifier finds the same). */
    static final IndexClassifier CLASSIFIER = def -> switch (def.name()) {
        case "age", "joined" -> def.name();
        default -> null;
    };

    /** The fixture's index functions, by index name. */
    static final IndexFunctionCompiler COMPILER = def -> switch (def.name()) {
        case "age", "joined" -> Docs.field(def.name(), false);
        case "tags" -> Docs.field("tags", true);
        case "name_lower", "$reql_temp_index$_name_lower" -> lower();
        default -> doc -> List.of();
    };

    private V1Fixture() {
    }

    private static IndexFunction lower() {
        return doc -> doc instanceof ObjectDatum o && o.get("name") instanceof StringDatum s
                ? List.of(new StringDatum(s.value().toLowerCase(java.util.Locale.ROOT))) : List.of();
    }

    /** A fresh copy of the fixture under {@code parent}; returns the data directory. */
    static Path copyTo(Path parent) {
        try {
            Path src = Path.of(V1Fixture.class.getResource("/fixtures/v1/reqldb_data/metadata.txt").toURI()).getParent();
            Path dst = parent.resolve("reqldb_data");
            copyTree(src, dst);
            return dst;
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    static void copyTree(Path src, Path dst) {
        try (Stream<Path> all = Files.walk(src)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                Path target = dst.resolve(src.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(p, target);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** SHA-256 of every file under {@code dir} (and the list of names), for "nothing was changed". */
    static Map<String, String> checksums(Path dir) {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) all::iterator) {
                String name = dir.relativize(p).toString();
                out.put(name, Files.isDirectory(p) ? "dir"
                        : HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p))));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        return out;
    }

    /** Everything a store holds through the public API: documents, and each index's (value, pk) entries. */
    static Map<String, List<String>> contents(RocksStore store) {
        Map<String, List<String>> out = new TreeMap<>();
        for (var db : store.databases()) {
            for (var t : store.tables(db.name())) {
                var table = store.table(db.name(), t.name());
                out.put(db.name() + "." + t.name(), Docs.drain(table.scan(io.reqldb.storage.KeyRange.ALL, false))
                        .stream().map(V1Fixture::show).toList());
                for (var ix : table.indexes()) {
                    List<String> entries = new java.util.ArrayList<>();
                    try (var c = table.indexScan(ix.definition().name(), io.reqldb.storage.KeyRange.ALL, false)) {
                        for (Datum d = c.next(); d != null; d = c.next()) {
                            entries.add(show(c.currentIndexValue()) + " -> " + show(((ObjectDatum) d).get(t.primaryKey())));
                        }
                    }
                    out.put(db.name() + "." + t.name() + "#" + ix.definition().name() + " v"
                            + ix.definition().formatVersion(), entries);
                }
            }
        }
        return out;
    }

    /** JSON, with each time's zone spelled out (times compare by instant only). */
    static String show(Datum d) {
        return io.reqldb.datum.DatumJson.write(d);
    }
}

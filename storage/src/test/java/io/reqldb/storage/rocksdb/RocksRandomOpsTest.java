package io.reqldb.storage.rocksdb;

import static io.reqldb.storage.rocksdb.Docs.drain;
import static io.reqldb.storage.rocksdb.Docs.json;
import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumOrder;
import io.reqldb.datum.ExtremeDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.storage.Durability;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableOptions;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Random writes checked against an in-memory model: primary and index scans over random ranges,
 * both directions, must return exactly what the model says. The seed is in every failure message.
 */
class RocksRandomOpsTest {
    @TempDir
    Path dir;

    private static final List<Datum> VALUES = List.of(
            NumberDatum.of(-1), NumberDatum.of(0), NumberDatum.of(0.5), NumberDatum.of(2), new StringDatum(""),
            new StringDatum("a"), new StringDatum("a\0"), new StringDatum("b"), ArrayDatum.of(NumberDatum.of(1)),
            ArrayDatum.of(NumberDatum.of(1), new StringDatum("x")), json("true"), json("null"), json("{'k':1}"));

    @Test
    void randomWrites_scansMatchModel() {
        long seed = System.nanoTime();
        Random r = new Random(seed);
        try (RocksStore store = RocksStore.open(dir, new RocksStoreOptions(8, 4))) {
            store.setIndexFunctionCompiler(Docs.FIELD_COMPILER);
            store.createDatabase("db");
            store.createTable("db", "t", TableOptions.DEFAULT);
            Table t = store.table("db", "t");
            t.createIndex(Docs.fieldIndex("v", "v", false), Docs.field("v", false));
            t.createIndex(Docs.fieldIndex("m", "m", true), Docs.field("m", true));
            RocksIndexTest.awaitReady(t, "v");
            RocksIndexTest.awaitReady(t, "m");
            TreeMap<Datum, Datum> model = new TreeMap<>(DatumOrder.COMPARATOR);
            for (int step = 0; step < 800; step++) {
                Datum pk = VALUES.get(r.nextInt(VALUES.size()));
                Datum doc = r.nextInt(4) == 0 ? null : document(r, pk);
                t.modify(pk, old -> doc, Durability.SOFT);
                if (doc == null) {
                    model.remove(pk);
                } else {
                    model.put(pk, doc);
                }
                if (step % 200 == 199) {
                    check(seed, r, t, model);
                }
            }
        }
    }

    private static Datum document(Random r, Datum pk) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("id", pk);
        if (r.nextInt(5) != 0) {
            m.put("v", VALUES.get(r.nextInt(VALUES.size())));
        }
        List<Datum> multi = new ArrayList<>();
        for (int i = r.nextInt(3); i > 0; i--) {
            multi.add(VALUES.get(r.nextInt(VALUES.size())));
        }
        m.put("m", ArrayDatum.copyOf(multi));
        return ObjectDatum.wrap(m);
    }

    private static void check(long seed, Random r, Table t, TreeMap<Datum, Datum> model) {
        assertThat(t.count()).as("seed %d", seed).isEqualTo(model.size());
        for (int i = 0; i < 20; i++) {
            KeyRange range = randomRange(r);
            boolean desc = r.nextBoolean();
            List<Datum> expected = new ArrayList<>();
            for (Datum d : model.values()) {
                if (in(range, ((ObjectDatum) d).get("id"))) {
                    expected.add(d);
                }
            }
            if (desc) {
                Collections.reverse(expected);
            }
            assertThat(drain(t.scan(range, desc))).as("seed %d scan %s desc=%s", seed, range, desc)
                    .isEqualTo(expected);
            for (String index : List.of("v", "m")) {
                assertThat(drain(t.indexScan(index, range, desc))).as("seed %d index %s %s desc=%s", seed, index,
                        range, desc).isEqualTo(indexModel(model, index, range, desc));
            }
        }
    }

    /** Documents by (index value, primary key), once per distinct value of a multi index. */
    private static List<Datum> indexModel(TreeMap<Datum, Datum> model, String index, KeyRange range, boolean desc) {
        List<Datum[]> entries = new ArrayList<>();
        for (Datum d : model.values()) {
            for (Datum v : Docs.field(index, index.equals("m")).keys(d)) {
                if (in(range, v)) {
                    entries.add(new Datum[] {v, ((ObjectDatum) d).get("id"), d});
                }
            }
        }
        Comparator<Datum[]> order = (a, b) -> {
            int c = DatumOrder.compare(a[0], b[0]);
            return c != 0 ? c : DatumOrder.compare(a[1], b[1]);
        };
        entries.sort(desc ? order.reversed() : order);
        return entries.stream().map(e -> e[2]).toList();
    }

    private static KeyRange randomRange(Random r) {
        Datum lo = bound(r, ExtremeDatum.MIN);
        Datum hi = bound(r, ExtremeDatum.MAX);
        return new KeyRange(lo, r.nextBoolean(), hi, r.nextBoolean());
    }

    private static Datum bound(Random r, Datum extreme) {
        return switch (r.nextInt(6)) {
            case 0 -> null;
            case 1 -> extreme;
            default -> VALUES.get(r.nextInt(VALUES.size()));
        };
    }

    private static boolean in(KeyRange range, Datum v) {
        if (range.lower() != null) {
            int c = DatumOrder.compare(v, range.lower());
            if (c < 0 || (c == 0 && !range.lowerClosed())) {
                return false;
            }
        }
        if (range.upper() != null) {
            int c = DatumOrder.compare(v, range.upper());
            return c < 0 || (c == 0 && range.upperClosed());
        }
        return true;
    }
}

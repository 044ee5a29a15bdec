package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.StoreBackedTest;
import io.reqldb.query.terms.geo.GeoIndex;
import io.reqldb.storage.IndexDefinition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** get_intersecting and get_nearest over indexes keyed by geometries and by S2 cells. */
class GeoIndexTermsTest extends StoreBackedTest {
    private static final String TBL = "[15,[\"t\"]]";

    private static String pt(double lon, double lat) {
        return "[159,[" + lon + "," + lat + "]]";
    }

    private static String pair(double lon, double lat) {
        return "[2,[" + lon + "," + lat + "]]";
    }

    @BeforeEach
    void setUp() {
        reql.run("[60,[\"t\"]]");
        reql.run("[56,[" + TBL + ",[2,[{\"id\":0,\"g\":" + pt(10, 10) + "},"
                + "{\"id\":1,\"g\":[161,[" + pair(0, 0) + "," + pair(0, 1) + "," + pair(1, 1) + "," + pair(1, 0) + "]]},"
                + "{\"id\":2,\"g\":[160,[" + pair(0.000002, -1) + "," + pair(-0.000001, 1) + "]]}]]]]");
        reql.run("[75,[" + TBL + ",\"g\"],{\"geo\":true}]");
        reql.run("[75,[" + TBL + ",\"other\"]]");
        // An index keyed by S2 cells, its geometries recomputed through the evaluator.
        GeoIndex.setEvaluator((ctx, table, def, doc) -> ((ObjectDatum) doc).get("g"));
        store.table("test", "t").createIndex(new IndexDefinition("cells", new byte[0], false, true, 0),
                doc -> GeoIndex.keys(((ObjectDatum) doc).get("g"), false));
        reql.run("[140,[" + TBL + "]]");
    }

    @AfterEach
    void restore() {
        GeoIndex.setEvaluator(null);
    }

    private String intersecting(String index, String geometry) {
        return reql.run("[43,[[166,[" + TBL + "," + geometry + "],{\"index\":\"" + index + "\"}]]]");
    }

    @Test
    void getIntersectingOnBothKindsOfIndex() {
        for (String index : new String[] {"g", "cells"}) {
            assertThat(intersecting(index, pt(0, 0))).as(index).isEqualTo("1");
            assertThat(intersecting(index, pt(10, 10))).as(index).isEqualTo("1");
            assertThat(intersecting(index, pt(0.5, 0.5))).as(index).isEqualTo("1");
            assertThat(intersecting(index, pt(20, 20))).as(index).isEqualTo("0");
            assertThat(intersecting(index, "[161,[" + pair(0, 0) + "," + pair(1, 0) + "," + pair(1, 1) + ","
                    + pair(0, 1) + "]]")).as(index).isEqualTo("2");
            assertThat(intersecting(index, "[160,[" + pair(0, 0) + "," + pair(10, 10) + "]]")).as(index).isEqualTo("3");
        }
    }

    @Test
    void defaultEvaluatorRunsTheStoredIndexFunction() {
        GeoIndex.setEvaluator(null);
        var table = store.table("test", "t");
        IndexDefinition g = table.indexes().stream().filter(s -> s.definition().name().equals("g")).findFirst()
                .orElseThrow().definition();
        table.createIndex(new IndexDefinition("cells2", g.function(), false, true, g.formatVersion()),
                doc -> GeoIndex.keys(((ObjectDatum) doc).get("g"), false));
        reql.run("[140,[" + TBL + "]]");
        assertThat(intersecting("cells2", pt(0.5, 0.5))).isEqualTo("1");
        assertThat(intersecting("cells2", "[160,[" + pair(0, 0) + "," + pair(10, 10) + "]]")).isEqualTo("3");
    }

    @Test
    void getIntersectingErrors() {
        assertThatThrownBy(() -> intersecting("other", pt(0, 0)))
                .hasMessage("Index `other` is not a geospatial index.  get_intersecting can only be used with a "
                        + "geospatial index.");
        assertThatThrownBy(() -> intersecting("missing", pt(0, 0)))
                .hasMessage("Index `missing` was not found on table `test.t`.");
        assertThatThrownBy(() -> intersecting("id", pt(0, 0))).hasMessage("get_intersecting cannot use the primary index.");
        assertThatThrownBy(() -> reql.run("[166,[" + TBL + "," + pt(0, 0) + "]]"))
                .hasMessage("get_intersecting requires an index argument.");
    }

    @Test
    void getNearestSortsByDistance() {
        for (String index : new String[] {"g", "cells"}) {
            Datum near = reql.value("[168,[" + TBL + "," + pt(0, 0) + "],{\"index\":\"" + index
                    + "\",\"max_dist\":1565110}]");
            String s = near.toString();
            assertThat(s).as(index).contains("\"dist\":0,\"doc\":{\"g\"");
            assertThat(s.indexOf("\"id\":1")).as(index).isLessThan(s.indexOf("\"id\":2"));
            assertThat(s.indexOf("\"id\":2")).as(index).isLessThan(s.indexOf("\"id\":0"));
            assertThat(reql.run("[43,[[168,[" + TBL + "," + pt(0, 0) + "],{\"index\":\"" + index + "\"}]]]"))
                    .as(index).isEqualTo("2");
        }
        assertThatThrownBy(() -> reql.run("[168,[" + TBL + "," + pt(0, 0) + "],{\"index\":\"g\",\"max_dist\":10000000}]"))
                .hasMessage("The distance has become too large for continuing the indexed nearest traversal.  Consider "
                        + "specifying a smaller `max_dist` parameter.  (Radius must be smaller than a quarter of the "
                        + "circumference along the minor axis of the reference ellipsoid.  Got 10968937.995244588703m, "
                        + "but must be smaller than 9985163.1855612862855m.)");
    }
}

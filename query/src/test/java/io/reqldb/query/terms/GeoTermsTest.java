package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ReconstructableDouble;
import io.reqldb.query.EngineHarness;
import io.reqldb.query.terms.geo.GeoJson;
import org.junit.jupiter.api.Test;

class GeoTermsTest {
    private final EngineHarness reql = new EngineHarness(null);

    private static String pt(double lon, double lat) {
        return "[159,[" + lon + "," + lat + "]]";
    }

    private static String pair(double lon, double lat) {
        return "[2,[" + lon + "," + lat + "]]";
    }

    private static String poly(double... c) {
        StringBuilder b = new StringBuilder("[161,[");
        for (int i = 0; i < c.length; i += 2) {
            b.append(i == 0 ? "" : ",").append(pair(c[i], c[i + 1]));
        }
        return b.append("]]").toString();
    }

    private static String line(double... c) {
        return "[160" + poly(c).substring(4);
    }

    private static final String SQUARE = poly(1, 1, 2, 1, 2, 2, 1, 2);
    private static final String HOLED = "[171,[" + SQUARE + "," + poly(1.1, 1.1, 1.9, 1.1, 1.9, 1.9, 1.1, 1.9) + "]]";

    private String bool(String term, String a, String b) {
        return reql.run("[" + term + ",[" + a + "," + b + "]]");
    }

    @Test
    void constructors() {
        assertThat(reql.run(pt(0, 0))).isEqualTo("{\"$reql_type$\":\"GEOMETRY\",\"coordinates\":[0,0],\"type\":\"Point\"}");
        assertThatThrownBy(() -> reql.run(pt(0, -91))).hasMessage("Latitude must be between -90 and 90.  Got -91.");
        assertThatThrownBy(() -> reql.run(pt(181, 0))).hasMessage("Longitude must be between -180 and 180.  Got 181.");
        assertThatThrownBy(() -> reql.run(line(0, 0, 0, 0)))
                .hasMessage("Invalid LineString.  Are there antipodal or duplicate vertices?");
        assertThat(reql.run(line(0, 0, 0, 1, 0, 0))).contains("[[0,0],[0,1],[0,0]]");
        assertThat(reql.run(poly(0, 0, 0, 1, 1, 0))).contains("[[[0,0],[0,1],[1,0],[0,0]]]");
        assertThatThrownBy(() -> reql.run(poly(0, 0, 0, 1, 1, 0, -1, 0.5)))
                .hasMessage("Invalid LinearRing.  Are there antipodal or duplicate vertices? Is it self-intersecting?");
        assertThatThrownBy(() -> reql.run(poly(0, 0, 0, 0, 0, 0, 0, 0)))
                .hasMessage("Invalid LinearRing.  Are there antipodal or duplicate vertices? Is it self-intersecting?");
        assertThatThrownBy(() -> reql.run("[160,[" + pt(0, 0) + "," + line(0, 0, 1, 0) + "]]"))
                .hasMessage("Expected geometry of type `Point` but found `LineString`.");
    }

    @Test
    void geojson() {
        assertThatThrownBy(() -> reql.run("[157,[{\"coordinates\":[2,[0,0]],\"type\":\"foo\"}]]"))
                .hasMessage("Unrecognized GeoJSON type `foo`.");
        assertThatThrownBy(() -> reql.run("[157,[{\"coordinates\":[2,[0,0]],\"type\":\"Point\",\"foo\":1}]]"))
                .hasMessage("Unrecognized field `foo` found in geometry object.");
        assertThatThrownBy(() -> reql.run("[157,[{\"type\":\"Point\"}]]"))
                .hasMessageStartingWith("No attribute `coordinates` in object:");
        assertThat(reql.run("[157,[{\"coordinates\":[2,[0,0]],\"type\":\"Point\",\"crs\":null}]]"))
                .isEqualTo("{\"$reql_type$\":\"GEOMETRY\",\"coordinates\":[0,0],\"crs\":null,\"type\":\"Point\"}");
        assertThat(reql.run("[158,[" + pt(1, 2) + "]]")).isEqualTo("{\"coordinates\":[1,2],\"type\":\"Point\"}");
    }

    @Test
    void distances() {
        // Karney's algorithm; RethinkDB's C build differs from GeographicLib-Java in the last digits.
        assertThat(num("[162,[" + pt(-122, 37) + "," + pt(-123, 37) + "]]")).isCloseTo(89011.26253835332, within(1e-8));
        assertThat(num("[162,[" + pt(-122, 37) + "," + pt(-122, 36) + "]]")).isCloseTo(110968.30443995494, within(1e-8));
        assertThat(num("[162,[" + pt(-122, 37) + "," + pt(-123, 37) + "],{\"geo_system\":\"unit_sphere\"}]"))
                .isCloseTo(0.01393875509649327, within(1e-15));
        assertThat(2 * num("[162,[" + pt(0, 0) + "," + pt(180, 0) + "]]")).isCloseTo(40007862.917250897, within(1e-7));
        assertThat(num("[162,[" + pt(0, 0) + "," + line(5, -1, 4, 2) + "]]")).isCloseTo(492471.4990055255, within(1e-8));
        assertThat(num("[162,[" + pt(0, 0) + "," + poly(5, -1, 4, 2, 10, 10) + "]]")).isCloseTo(492471.4990055255, within(1e-8));
        assertThat(reql.run("[162,[" + pt(0.5, 0.5) + "," + poly(0, -1, 0, 1, 10, 10) + "]]")).isEqualTo("0");
        assertThat(reql.run("[162,[" + pt(0, 0) + "," + line(0, 0, 0, 1) + "]]")).isEqualTo("0");
    }

    private double num(String q) {
        return Double.parseDouble(reql.run(q));
    }

    @Test
    void circles() {
        assertThat(reql.run("[165,[" + pair(0, 0) + ",1],{\"num_vertices\":3}]")).startsWith(
                "{\"$reql_type$\":\"GEOMETRY\",\"coordinates\":[[[0,-0.00000904369477050").endsWith("\"type\":\"Polygon\"}");
        assertThatThrownBy(() -> reql.run("[165,[" + pair(0, 0) + ",14000000],{\"num_vertices\":3}]")).hasMessage(
                "Radius must be smaller than a quarter of the circumference along the minor axis of the reference "
                + "ellipsoid.  Got 14000000m, but must be smaller than 9985163.1855612862855m.");
        assertThatThrownBy(() -> reql.run("[165,[" + pair(0, 0) + ",2],{\"num_vertices\":3,\"geo_system\":\"unit_sphere\"}]"))
                .hasMessageEndingWith("Got 2m, but must be smaller than 1.570796326794896558m.");
        assertThat(ReconstructableDouble.format(10968937.995244588703)).isEqualTo("10968937.995244588703");
        assertThat(reql.run("[167,[[165,[" + pair(0, 0) + ",1],{\"fill\":false}]]]"))
                .isEqualTo(reql.run("[165,[" + pair(0, 0) + ",1]]"));
    }

    @Test
    void intersectsAndIncludes() {
        assertThat(bool("163", SQUARE, pt(1.5, 1.5))).isEqualTo("true");
        assertThat(bool("163", SQUARE, pt(2.5, 2.5))).isEqualTo("false");
        assertThat(bool("163", HOLED, pt(1.5, 1.5))).isEqualTo("false");
        assertThat(bool("163", HOLED, pt(1.05, 1.05))).isEqualTo("true");
        assertThat(bool("163", SQUARE, pt(2, 2))).isEqualTo("true");
        assertThat(bool("163", SQUARE, pt(2, 1.5))).isEqualTo("true");
        assertThat(bool("163", SQUARE, line(1.5, 1.5, 2, 2))).isEqualTo("true");
        assertThat(bool("163", HOLED, pt(1.1, 1.1))).isEqualTo("true");
        assertThat(bool("163", HOLED, pt(1.5, 1.1))).isEqualTo("true");
        assertThat(bool("163", SQUARE, line(2, 2, 3, 3))).isEqualTo("false");
        assertThat(bool("163", SQUARE, line(2, 1.5, 3, 3))).isEqualTo("false");
        assertThat(bool("163", SQUARE, line(1.5, 1.5, 3, 3))).isEqualTo("true");
        assertThat(bool("163", HOLED, poly(1.2, 1.2, 1.8, 1.2, 1.8, 1.8, 1.2, 1.8))).isEqualTo("false");
        assertThat(bool("163", HOLED, poly(1.1, 1.1, 1.9, 1.1, 1.9, 1.9, 1.1, 1.9))).isEqualTo("false");
        assertThat(bool("163", SQUARE, poly(2, 1.1, 3, 1.1, 3, 1.9, 2, 1.9))).isEqualTo("true");
        assertThat(bool("163", SQUARE, poly(2, 2, 3, 2, 3, 3, 2, 3))).isEqualTo("false");
        assertThat(bool("163", line(1, 1, 2, 1), pt(1, 1))).isEqualTo("true");
        assertThat(bool("163", line(1, 1, 1, 2), pt(1, 1.8))).isEqualTo("true");
        assertThat(bool("163", line(1, 0, 2, 0), pt(1.8, 0))).isEqualTo("true");
        assertThat(bool("163", line(1, 1, 2, 1), pt(1.5, 1.5))).isEqualTo("false");
        assertThat(bool("163", line(1, 1, 2, 1), line(2, 1, 3, 1))).isEqualTo("true");
        assertThat(reql.run("[163,[[2,[" + pt(1, 0) + "," + pt(3, 0) + "," + pt(2, 0) + "]]," + line(0, 0, 2, 0) + "]]"))
                .isEqualTo("[" + reql.run(pt(1, 0)) + "," + reql.run(pt(2, 0)) + "]");

        assertThat(bool("164", SQUARE, line(2, 1.5, 2, 2))).isEqualTo("true");
        assertThat(bool("164", SQUARE, line(2, 1, 2, 2))).isEqualTo("true");
        assertThat(bool("164", SQUARE, line(1.5, 1.5, 3, 3))).isEqualTo("false");
        assertThat(bool("164", SQUARE, SQUARE)).isEqualTo("true");
        assertThat(bool("164", SQUARE, poly(1.5, 1.5, 2, 1.5, 2, 2, 1.5, 2))).isEqualTo("true");
        assertThat(bool("164", HOLED, poly(1.1, 1.1, 2, 1.1, 2, 2, 1.1, 2))).isEqualTo("false");
        assertThat(bool("164", SQUARE, poly(2, 1.1, 3, 1.1, 3, 1.9, 2, 1.9))).isEqualTo("false");
        assertThatThrownBy(() -> bool("164", pt(0, 0), pt(0, 0)))
                .hasMessage("Expected geometry of type `Polygon` but found `Point`.");
    }

    @Test
    void polygonSub() {
        String unit = poly(0, 0, 1, 0, 1, 1, 0, 1);
        assertThat(reql.run("[171,[" + unit + "," + poly(0.1, 0.1, 0.9, 0.1, 0.9, 0.9, 0.1, 0.9) + "]]"))
                .contains("[[[0,0],[1,0],[1,1],[0,1],[0,0]],[[0.1,0.1],[0.9,0.1],[0.9,0.9],[0.1,0.9],[0.1,0.1]]]");
        assertThat(reql.run("[171,[" + unit + "," + poly(0, 0, 0.1, 0.9, 0.9, 0.9, 0.9, 0.1) + "]]"))
                .contains("[[0,0],[0.1,0.9],[0.9,0.9],[0.9,0.1],[0,0]]");
        for (String bad : new String[] {poly(0.1, 0.9, 0.9, 0.0, 0.9, 0.9, 0.1, 0.9), poly(0, 0, 2, 0, 2, 2, 0, 2),
            poly(0, -2, 1, -2, -1, 1, 0, -1), poly(0, -1, 1, -1, 1, 0, 0, 0), poly(0.1, -1, 0.9, -1, 0.9, 0.5, 0.1, 0.5)}) {
            assertThatThrownBy(() -> reql.run("[171,[" + unit + "," + bad + "]]")).as(bad)
                    .hasMessage("The second argument to `polygon_sub` is not contained in the first one.");
        }
        assertThatThrownBy(() -> reql.run("[171,[" + unit + "," + line(0, 0, 0.9, 0.1, 0.9, 0.9) + "]]"))
                .hasMessage("Expected a Polygon but found a LineString.");
        assertThat(NumberDatum.of(1)).isNotNull();
    }
}

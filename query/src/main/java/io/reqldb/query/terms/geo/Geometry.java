package io.reqldb.query.terms.geo;

import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import com.google.common.geometry.S2Polyline;

/** A GEOMETRY value turned into S2 shapes: exactly one of the three is set. */
public record Geometry(S2Point point, S2Polyline line, S2Polygon polygon) {
    public static Geometry of(S2Point p) {
        return new Geometry(p, null, null);
    }

    public static Geometry of(S2Polyline l) {
        return new Geometry(null, l, null);
    }

    public static Geometry of(S2Polygon p) {
        return new Geometry(null, null, p);
    }

    public String typeName() {
        return point != null ? "Point" : line != null ? "LineString" : "Polygon";
    }
}

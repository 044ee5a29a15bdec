package io.reqldb.query.terms.geo;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2EdgeUtil;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import com.google.common.geometry.S2Polyline;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Intersection, inclusion and projection between points, polylines and polygons, with RethinkDB's
 * semantics: polygons and lines are closed sets (a point on an outline intersects), but a line or
 * polygon that only touches a polygon's outline at single points does not intersect it.
 */
public final class GeoOps {
    /** S2's kIntersectionTolerance: pieces of clipped lines closer than this are merged. */
    private static final double MERGE_RADIUS = S2EdgeUtil.DEFAULT_INTERSECTION_TOLERANCE.radians();

    private GeoOps() {
    }

    public static boolean intersects(Geometry a, Geometry b) {
        if (a.point() != null) {
            return intersectsPoint(a.point(), b);
        }
        if (b.point() != null) {
            return intersectsPoint(b.point(), a);
        }
        if (a.line() != null && b.line() != null) {
            return linesIntersect(a.line(), b.line());
        }
        if (a.line() != null) {
            return lineIntersectsPolygon(a.line(), b.polygon());
        }
        if (b.line() != null) {
            return lineIntersectsPolygon(b.line(), a.polygon());
        }
        if (a.polygon().getNumVertices() == 0 || b.polygon().getNumVertices() == 0) {
            return false;
        }
        return b.polygon().intersects(a.polygon());
    }

    private static boolean intersectsPoint(S2Point p, Geometry other) {
        if (other.point() != null) {
            return p.equals(other.point());
        }
        if (other.line() != null) {
            return project(other.line(), p).equals(p);
        }
        if (other.polygon().getNumVertices() == 0) {
            return false;
        }
        return project(other.polygon(), p).equals(p);
    }

    /** Whether polygon {@code outer} includes {@code g} (points on its outline count). */
    public static boolean includes(S2Polygon outer, Geometry g) {
        if (g.point() != null) {
            return intersectsPoint(g.point(), Geometry.of(outer));
        }
        if (g.line() != null) {
            return clip(outer, g.line(), true).isEmpty();
        }
        return outer.contains(g.polygon());
    }

    private static boolean linesIntersect(S2Polyline a, S2Polyline b) {
        if (!a.getRectBound().intersects(b.getRectBound())) {
            return false;
        }
        for (int i = 1; i < a.numVertices(); i++) {
            for (int j = 1; j < b.numVertices(); j++) {
                if (S2EdgeUtil.robustCrossing(a.vertex(i - 1), a.vertex(i), b.vertex(j - 1), b.vertex(j)) >= 0) {
                    return true;
                }
            }
        }
        return false;
    }

    private static boolean lineIntersectsPolygon(S2Polyline line, S2Polygon polygon) {
        if (polygon.getNumVertices() == 0) {
            return false;
        }
        return !clip(polygon, line, false).isEmpty();
    }

    /** The closest point of the polyline to {@code p}. */
    public static S2Point project(S2Polyline line, S2Point p) {
        if (line.numVertices() == 1) {
            return line.vertex(0);
        }
        int edge = line.getNearestEdgeIndex(p);
        return line.projectToEdge(p, edge);
    }

    /** {@code p} itself when the polygon contains it, else the closest point on its outline. */
    public static S2Point project(S2Polygon polygon, S2Point p) {
        if (polygon.contains(p)) {
            return p;
        }
        double min = 10;
        S2Point a = null;
        S2Point b = null;
        for (int l = 0; l < polygon.numLoops(); l++) {
            S2Loop loop = polygon.loop(l);
            for (int v = 0; v < loop.numVertices(); v++) {
                double d = S2EdgeUtil.getDistance(p, loop.vertex(v), loop.vertex(v + 1)).radians();
                if (d < min) {
                    min = d;
                    a = loop.vertex(v);
                    b = loop.vertex(v + 1);
                }
            }
        }
        return S2EdgeUtil.getClosestPoint(p, a, b);
    }

    /** A crossing point along an edge: its position (0..1) and the point. */
    private record Crossing(double t, S2Point point) {
    }

    private static final Comparator<Crossing> ORDER = Comparator.comparingDouble(Crossing::t)
            .thenComparing(Crossing::point);

    /**
     * Clips {@code line} to the interior of {@code polygon} (or its exterior when {@code invert}),
     * returning the pieces, as S2's {@code InternalClipPolyline} does.
     */
    static List<List<S2Point>> clip(S2Polygon polygon, S2Polyline line, boolean invert) {
        List<List<S2Point>> out = new ArrayList<>();
        List<S2Point> vertices = new ArrayList<>();
        List<Crossing> crossings = new ArrayList<>();
        boolean inside = polygon.contains(line.vertex(0)) ^ invert;
        for (int j = 0; j < line.numVertices() - 1; j++) {
            S2Point a0 = line.vertex(j);
            S2Point a1 = line.vertex(j + 1);
            clipEdge(a0, a1, polygon, crossings);
            if (inside) {
                crossings.add(new Crossing(0, a0));
            }
            inside = (crossings.size() & 1) == 1;
            if (inside) {
                crossings.add(new Crossing(1, a1));
            }
            crossings.sort(ORDER);
            for (int k = 0; k + 1 < crossings.size(); k += 2) {
                Crossing c0 = crossings.get(k);
                Crossing c1 = crossings.get(k + 1);
                if (c0.t() == c1.t() && c0.point().equals(c1.point())) {
                    continue;
                }
                S2Point v0 = c0.point();
                S2Point v1 = c1.point();
                if (!vertices.isEmpty() && vertices.get(vertices.size() - 1).angle(v0) > MERGE_RADIUS) {
                    out.add(vertices);
                    vertices = new ArrayList<>();
                }
                if (vertices.isEmpty()) {
                    vertices.add(v0);
                }
                if (vertices.get(vertices.size() - 1).angle(v1) > MERGE_RADIUS) {
                    vertices.add(v1);
                }
            }
            crossings.clear();
        }
        if (!vertices.isEmpty()) {
            out.add(vertices);
        }
        return out;
    }

    private static void clipEdge(S2Point a0, S2Point a1, S2Polygon polygon, List<Crossing> out) {
        for (int l = 0; l < polygon.numLoops(); l++) {
            S2Loop loop = polygon.loop(l);
            int n = loop.numVertices();
            for (int v = 0; v < n; v++) {
                S2Point b0 = loop.vertex(v);
                S2Point b1 = loop.vertex(v + 1);
                int crossing = S2EdgeUtil.robustCrossing(a0, a1, b0, b1);
                if (crossing < 0) {
                    continue;
                }
                if (crossing > 0) {
                    S2Point x = S2EdgeUtil.getIntersection(a0, a1, b0, b1);
                    out.add(new Crossing(S2EdgeUtil.getDistanceFraction(x, a0, a1), x));
                } else if (S2EdgeUtil.vertexCrossing(a0, a1, b0, b1)) {
                    double t = (a0.equals(b0) || a0.equals(b1)) ? 0 : 1;
                    out.add(new Crossing(t, t == 0 ? a0 : a1));
                }
            }
        }
    }

    static S1Angle angle(double radians) {
        return S1Angle.radians(radians);
    }
}

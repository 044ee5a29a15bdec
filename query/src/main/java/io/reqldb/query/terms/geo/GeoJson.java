package io.reqldb.query.terms.geo;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2Edge;
import com.google.common.geometry.S2Loop;
import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import com.google.common.geometry.S2PolygonBuilder;
import com.google.common.geometry.S2Polyline;
import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.ReconstructableDouble;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Values;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;

/**
 * GeoJSON geometries as RethinkDB 2.4 reads and builds them: Point, LineString and Polygon (holes
 * allowed), validated with S2 the way RethinkDB does, with its error texts.
 */
public final class GeoJson {
    /** A longitude/latitude pair in degrees. */
    public record LonLat(double lon, double lat) {
    }

    /** S2's conversion factors (S1Angle's M_PI/180 and 180/M_PI), so coordinates round as in RethinkDB. */
    private static final double RADIANS_PER_DEGREE = Math.PI / 180;
    private static final double DEGREES_PER_RADIAN = 180 / Math.PI;
    private static final Set<String> SUPPORTED_ELSEWHERE = Set.of("MultiPoint", "MultiLineString", "MultiPolygon",
            "GeometryCollection", "Feature", "FeatureCollection");

    /** S2 logs every invalid loop it checks; invalid input is the client's error, not ours. Held strongly. */
    private static final java.util.logging.Logger S2_LOG = java.util.logging.Logger.getLogger("com.google.common.geometry");

    static {
        S2_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private GeoJson() {
    }

    // ------------------------------------------------------------------ building values

    public static ObjectDatum point(LonLat p) {
        return geometry("Point", coords(p));
    }

    public static ObjectDatum line(List<LonLat> line) {
        return geometry("LineString", lineCoords(line));
    }

    /** A polygon from a shell (closed if its ends differ) and holes. */
    public static ObjectDatum polygon(List<LonLat> shell, List<List<LonLat>> holes) {
        List<Datum> rings = new ArrayList<>();
        rings.add(loopCoords(shell));
        for (List<LonLat> hole : holes) {
            rings.add(loopCoords(hole));
        }
        return geometry("Polygon", ArrayDatum.wrap(rings));
    }

    public static ObjectDatum geometry(String type, Datum coordinates) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put(ObjectDatum.REQL_TYPE, new StringDatum("GEOMETRY"));
        m.put("type", new StringDatum(type));
        m.put("coordinates", coordinates);
        return ObjectDatum.wrap(m);
    }

    private static ArrayDatum coords(LonLat p) {
        return ArrayDatum.of(NumberDatum.of(p.lon()), NumberDatum.of(p.lat()));
    }

    private static ArrayDatum lineCoords(List<LonLat> line) {
        List<Datum> out = new ArrayList<>(line.size());
        for (LonLat p : line) {
            out.add(coords(p));
        }
        return ArrayDatum.wrap(out);
    }

    private static ArrayDatum loopCoords(List<LonLat> line) {
        List<LonLat> closed = new ArrayList<>(line);
        if (!line.isEmpty() && !line.get(0).equals(line.get(line.size() - 1))) {
            closed.add(line.get(0));
        }
        return lineCoords(closed);
    }

    // ------------------------------------------------------------------ reading values

    /** The value as a GEOMETRY: "Not a GEOMETRY pseudotype: `1`." otherwise. */
    public static ObjectDatum expectGeometry(Datum d) {
        if (d instanceof ObjectDatum o && d.type() == DatumType.GEOMETRY) {
            return o;
        }
        throw new ReqlQueryLogicError("Not a GEOMETRY pseudotype: `" + DatumPrinter.truncated(d) + "`.");
    }

    /** RethinkDB's {@code get_field}: "No attribute `x` in object:\n{...}". */
    static Datum field(Datum obj, String name) {
        if (!(obj instanceof ObjectDatum o)) {
            throw new ReqlQueryLogicError("Expected type OBJECT but found " + obj.typeName() + ".");
        }
        Datum v = o.get(name);
        if (v == null) {
            throw new ReqlNonExistenceError("No attribute `" + name + "` in object:\n" + DatumPrinter.print(obj));
        }
        return v;
    }

    /** The {@code type} field of a GeoJSON object. */
    public static String typeOf(Datum geojson) {
        return type(geojson);
    }

    static String type(Datum geojson) {
        return ((StringDatum) Values.expect(field(geojson, "type"), DatumType.STRING)).value();
    }

    static ArrayDatum array(Datum d) {
        return (ArrayDatum) Values.expect(d, DatumType.ARRAY);
    }

    /** Converts a GeoJSON object (with or without {@code $reql_type$}) to S2 shapes, validating it. */
    public static Geometry toShape(Datum geojson) {
        String type = type(geojson);
        Datum coordinates = field(geojson, "coordinates");
        switch (type) {
            case "Point":
                return Geometry.of(toS2Point(coordinates));
            case "LineString":
                return Geometry.of(toPolyline(coordinates));
            case "Polygon":
                return Geometry.of(toPolygon(coordinates));
            case "$reql_LatLngRect$":
                throw new GeoException("LatLngRect cannot be generated by a user query.  The `$reql_LatLngRect$` "
                        + "type is reserved for internal use.");
            default:
                throw new GeoException(SUPPORTED_ELSEWHERE.contains(type)
                        ? "GeoJSON type `" + type + "` is not supported."
                        : "Unrecognized GeoJSON type `" + type + "`.");
        }
    }

    /** Full validation of a geometry object: no {@code crs}, and a valid shape. */
    public static Geometry validate(Datum geojson) {
        Datum crs = geojson instanceof ObjectDatum o ? o.get("crs") : null;
        if (crs != null && crs != NullDatum.INSTANCE) {
            throw new GeoException("Non-default coordinate reference systems are not supported in GeoJSON objects.  "
                    + "Make sure the `crs` field of the geometry is null or non-existent.");
        }
        return toShape(geojson);
    }

    /** The basic syntax check RethinkDB applies to any GEOMETRY object it builds. */
    public static void sanitize(ObjectDatum geo) {
        boolean hasType = false;
        boolean hasCoordinates = false;
        for (var e : geo.fields().entrySet()) {
            switch (e.getKey()) {
                case "coordinates" -> {
                    Values.expect(e.getValue(), DatumType.ARRAY);
                    hasCoordinates = true;
                }
                case "type" -> {
                    Values.expect(e.getValue(), DatumType.STRING);
                    hasType = true;
                }
                case "crs", ObjectDatum.REQL_TYPE -> {
                }
                default -> throw new ReqlQueryLogicError("Unrecognized field `" + e.getKey()
                        + "` found in geometry object.");
            }
        }
        if (!hasType) {
            throw new ReqlNonExistenceError("Field `type` not found in geometry object.");
        }
        if (!hasCoordinates) {
            throw new ReqlNonExistenceError("Field `coordinates` not found in geometry object.");
        }
    }

    /** A GeoJSON position: longitude and latitude (no altitude). */
    public static LonLat position(Datum position) {
        ArrayDatum a = array(position);
        int n = a.items().size();
        if (n < 2) {
            throw new GeoException("Too few coordinates.  Need at least longitude and latitude.");
        }
        if (n > 3) {
            throw new GeoException("Too many coordinates.  GeoJSON position should have no more than three "
                    + "coordinates, but got " + n + ".");
        }
        if (n == 3) {
            throw new GeoException("A third altitude coordinate in GeoJSON positions was found, but is not supported.");
        }
        return new LonLat(Values.toNumber(a.items().get(0)), Values.toNumber(a.items().get(1)));
    }

    public static S2Point toS2Point(LonLat p) {
        double lon = p.lon();
        if (lon < -180.0 || lon > 180.0 || Double.isNaN(lon)) {
            throw new GeoException("Longitude must be between -180 and 180.  Got " + ReconstructableDouble.format(lon) + ".");
        }
        if (lon == 180.0) {
            lon = -180.0;
        }
        if (p.lat() < -90.0 || p.lat() > 90.0 || Double.isNaN(p.lat())) {
            throw new GeoException("Latitude must be between -90 and 90.  Got " + ReconstructableDouble.format(p.lat()) + ".");
        }
        // S2's arithmetic (S2LatLng.fromDegrees(...).toPoint()), with correctly rounded sin and cos.
        double phi = p.lat() * RADIANS_PER_DEGREE;
        double theta = lon * RADIANS_PER_DEGREE;
        double cosPhi = RoundedMath.cos(phi);
        return new S2Point(RoundedMath.cos(theta) * cosPhi, RoundedMath.sin(theta) * cosPhi, RoundedMath.sin(phi));
    }

    static S2Point toS2Point(Datum position) {
        return toS2Point(position(position));
    }

    /** The position of a point (from S2, as RethinkDB reads it back for distances). */
    public static LonLat lonLat(S2Point p) {
        // S2's arithmetic (S2LatLng.longitude/latitude), with a correctly rounded atan2.
        double lon = RoundedMath.atan2(p.get(1), p.get(0)) * DEGREES_PER_RADIAN;
        double lat = RoundedMath.atan2(p.get(2), Math.sqrt(p.get(0) * p.get(0) + p.get(1) * p.get(1))) * DEGREES_PER_RADIAN;
        return new LonLat(lon, lat);
    }

    static S2Polyline toPolyline(Datum coordinates) {
        List<Datum> items = array(coordinates).items();
        if (items.size() < 2) {
            throw new GeoException("GeoJSON LineString must have at least two positions.");
        }
        List<S2Point> points = new ArrayList<>(items.size());
        for (Datum d : items) {
            points.add(toS2Point(d));
        }
        if (!polylineValid(points)) {
            throw new GeoException("Invalid LineString.  Are there antipodal or duplicate vertices?");
        }
        return new S2Polyline(points);
    }

    private static boolean polylineValid(List<S2Point> points) {
        for (int i = 1; i < points.size(); i++) {
            S2Point a = points.get(i - 1);
            S2Point b = points.get(i);
            if (a.equals(b) || a.equals(S2Point.neg(b))) {
                return false;
            }
        }
        return true;
    }

    static S2Loop toLoop(Datum coordinates) {
        List<Datum> items = array(coordinates).items();
        if (items.size() < 4) {
            throw new GeoException("GeoJSON LinearRing must have at least four positions.");
        }
        List<S2Point> points = new ArrayList<>(items.size());
        for (Datum d : items) {
            points.add(toS2Point(d));
        }
        if (!points.get(0).equals(points.get(points.size() - 1))) {
            throw new GeoException("First and last vertex of GeoJSON LinearRing must be identical.");
        }
        points.remove(points.size() - 1);
        if (!S2Loop.isValid(points)) {
            throw new GeoException("Invalid LinearRing.  Are there antipodal or duplicate vertices? "
                    + "Is it self-intersecting?");
        }
        S2Loop loop = new S2Loop(points);
        loop.normalize();
        return loop;
    }

    static S2Polygon toPolygon(Datum coordinates) {
        List<Datum> rings = array(coordinates).items();
        List<S2Loop> loops = new ArrayList<>(rings.size());
        for (Datum ring : rings) {
            loops.add(toLoop(ring));
        }
        for (int i = 1; i < loops.size(); i++) {
            loops.get(i).invert();
        }
        S2PolygonBuilder builder = new S2PolygonBuilder(S2PolygonBuilder.Options.DIRECTED_XOR);
        for (S2Loop loop : loops) {
            builder.addLoop(loop);
        }
        S2Polygon result = new S2Polygon();
        List<S2Edge> unused = new ArrayList<>();
        builder.assemblePolygon(result, unused);
        if (!unused.isEmpty()) {
            throw new GeoException("Some edges in GeoJSON polygon could not be used.  Are they intersecting?");
        }
        return result;
    }

    /** The shell of a Polygon value (for {@code fill} and {@code polygon_sub} checks). */
    public static List<LonLat> lineOf(Datum geojson) {
        String type = type(geojson);
        if (!type.equals("LineString")) {
            throw new GeoException("Expected geometry of type `LineString` but found `" + type + "`.");
        }
        List<LonLat> out = new ArrayList<>();
        for (Datum d : array(field(geojson, "coordinates")).items()) {
            out.add(position(d));
        }
        return out;
    }

    /** The position of a Point value. */
    public static LonLat pointOf(Datum geojson) {
        String type = type(geojson);
        if (!type.equals("Point")) {
            throw new GeoException("Expected geometry of type `Point` but found `" + type + "`.");
        }
        return position(field(geojson, "coordinates"));
    }

    /** A Point value or a [lon, lat] pair, as {@code line}, {@code polygon} and {@code circle} accept. */
    public static LonLat pointArgument(Datum d) {
        if (d.type() == DatumType.GEOMETRY) {
            return pointOf(d);
        }
        ArrayDatum a = array(d);
        if (a.items().size() != 2) {
            throw new ReqlQueryLogicError("Expected point coordinate pair.  Got " + a.items().size()
                    + " element array instead of a 2 element one.");
        }
        return new LonLat(Values.toNumber(a.items().get(0)), Values.toNumber(a.items().get(1)));
    }

    /** The S2 shape of a Polygon value. */
    public static S2Polygon polygonOf(Datum geojson) {
        String type = type(geojson);
        if (!type.equals("Polygon")) {
            throw new GeoException("Expected geometry of type `Polygon` but found `" + type + "`.");
        }
        return toPolygon(field(geojson, "coordinates"));
    }

    static S1Angle radians(double r) {
        return S1Angle.radians(r);
    }
}

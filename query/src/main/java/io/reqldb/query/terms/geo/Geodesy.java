package io.reqldb.query.terms.geo;

import com.google.common.geometry.S2Point;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.ReconstructableDouble;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Values;
import java.util.ArrayList;
import java.util.List;

/**
 * Distances on a reference ellipsoid with Karney's geodesic algorithms ({@link KarneyGeodesic}), units, and
 * circles, as RethinkDB 2.4 computes them. Distances to lines and polygons measure to the closest
 * point S2 finds on the sphere, then along the ellipsoid, as RethinkDB does.
 */
public final class Geodesy {
    /** An ellipsoid: equator radius {@code a} in meters and flattening {@code f}. */
    public record Ellipsoid(double a, double f) {
        public static final Ellipsoid WGS84 = new Ellipsoid(6378137.0, 1.0 / 298.257223563);
        public static final Ellipsoid UNIT_SPHERE = new Ellipsoid(1.0, 0.0);

        public double polesRadius() {
            return (1.0 - f) * a;
        }

        KarneyGeodesic geodesic() {
            return equals(WGS84) ? WGS84_GEODESIC : new KarneyGeodesic(a, f);
        }
    }

    private static final KarneyGeodesic WGS84_GEODESIC = new KarneyGeodesic(Ellipsoid.WGS84.a(), Ellipsoid.WGS84.f());

    private Geodesy() {
    }

    /** The {@code geo_system} optarg: "WGS84", "unit_sphere" or {a, f}. */
    public static Ellipsoid ellipsoid(Datum d) {
        if (d == null) {
            return Ellipsoid.WGS84;
        }
        if (d instanceof ObjectDatum o && o.reqlType() == null) {
            double a = Values.toNumber(GeoJson.field(o, "a"));
            double f = Values.toNumber(GeoJson.field(o, "f"));
            if (!(a > 0.0)) {
                throw new ReqlQueryLogicError("The equator radius `a` must be positive.");
            }
            if (!(f >= 0.0 && f < 1.0)) {
                throw new ReqlQueryLogicError("The flattening `f` must be in the range [0, 1).");
            }
            return new Ellipsoid(a, f);
        }
        String s = ((StringDatum) Values.expect(d, io.reqldb.datum.DatumType.STRING)).value();
        return switch (s) {
            case "WGS84" -> Ellipsoid.WGS84;
            case "unit_sphere" -> Ellipsoid.UNIT_SPHERE;
            default -> throw new ReqlQueryLogicError("Unrecognized geo system \"" + s
                    + "\" (valid options: \"WGS84\", \"unit_sphere\").");
        };
    }

    /** Meters per unit of the {@code unit} optarg (m, km, mi, nm, ft). */
    public static double unitMeters(String unit) {
        return switch (unit) {
            case "m" -> 1.0;
            case "km" -> 1000.0;
            case "mi" -> 1609.344;
            case "nm" -> 1852.0;
            case "ft" -> 0.3048;
            default -> throw new GeoException("Unrecognized distance unit `" + unit + "`.");
        };
    }

    /** Converts as RethinkDB does: one factor, from-unit meters over to-unit meters. */
    public static double convert(double d, double fromMeters, double toMeters) {
        return d * (fromMeters / toMeters);
    }

    public static double distance(GeoJson.LonLat p1, GeoJson.LonLat p2, Ellipsoid e) {
        return e.geodesic().inverseDistance(p1.lat(), p1.lon(), p2.lat(), p2.lon());
    }

    /** Meters from point {@code p} to the closest point of {@code g}. */
    public static double distance(S2Point p, Geometry g, Ellipsoid e) {
        GeoJson.LonLat ref = GeoJson.lonLat(p);
        S2Point other;
        if (g.point() != null) {
            other = g.point();
        } else {
            other = g.line() != null ? GeoOps.project(g.line(), p) : GeoOps.project(g.polygon(), p);
            if (other.equals(p)) {
                return 0.0;
            }
        }
        return distance(ref, GeoJson.lonLat(other), e);
    }

    /** The largest radius a circle may have on this ellipsoid. */
    public static double maxRadius(Ellipsoid e) {
        return 0.5 * Math.PI * Math.min(e.a(), e.polesRadius());
    }

    /** The vertices of a circle (closed: the first vertex repeats at the end). */
    public static List<GeoJson.LonLat> circle(GeoJson.LonLat center, double radius, long numVertices, Ellipsoid e) {
        if (radius <= 0.0) {
            throw new GeoException("Radius must be positive");
        }
        double max = maxRadius(e);
        if (radius >= max) {
            throw new GeoException("Radius must be smaller than a quarter of the circumference along the minor axis "
                    + "of the reference ellipsoid.  Got " + ReconstructableDouble.format(radius) + "m, but must be smaller "
                    + "than " + ReconstructableDouble.format(max) + "m.");
        }
        KarneyGeodesic g = e.geodesic();
        List<GeoJson.LonLat> out = new ArrayList<>();
        for (long i = 0; i < numVertices; i++) {
            double azimuth = -180.0 + (360.0 / numVertices * i);
            double[] latLon = g.direct(center.lat(), center.lon(), azimuth, radius);
            out.add(new GeoJson.LonLat(latLon[1], latLon[0]));
        }
        if (numVertices > 0) {
            out.add(out.get(0));
        }
        return out;
    }
}

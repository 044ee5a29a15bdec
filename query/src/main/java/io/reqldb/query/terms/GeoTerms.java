package io.reqldb.query.terms;

import com.google.common.geometry.S2Point;
import com.google.common.geometry.S2Polygon;
import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.TransformedSequence;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.geo.GeoException;
import io.reqldb.query.terms.geo.GeoIndexTerms;
import io.reqldb.query.terms.geo.GeoJson;
import io.reqldb.query.terms.geo.GeoJson.LonLat;
import io.reqldb.query.terms.geo.GeoOps;
import io.reqldb.query.terms.geo.Geodesy;
import io.reqldb.query.terms.geo.Geometry;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.function.BiPredicate;

/**
 * Geometry terms: constructors, GeoJSON conversion, distance, circles, intersection and inclusion.
 * The index-backed {@code get_intersecting} and {@code get_nearest} are in {@code geo.GeoIndexTerms}.
 */
public final class GeoTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.POINT).args(2).body((t, env) -> geo(() -> {
            LonLat p = new LonLat(t.numberArg(env, 0), t.numberArg(env, 1));
            return validated(env, GeoJson.point(p));
        }));
        r.term(TermType.LINE).args(2, -1).body((t, env) -> geo(() -> validated(env, GeoJson.line(points(t, env)))));
        r.term(TermType.POLYGON).args(3, -1).body((t, env) ->
                geo(() -> validated(env, GeoJson.polygon(points(t, env), List.of()))));
        r.term(TermType.GEOJSON).args(1).body((t, env) -> geo(() -> geojson(t.datumArg(env, 0))));
        r.term(TermType.TO_GEOJSON).args(1).body((t, env) -> {
            TreeMap<String, Datum> m = geometryArg(t, env, 0).toMutableMap();
            m.remove(ObjectDatum.REQL_TYPE);
            return ObjectDatum.wrap(m);
        });
        r.term(TermType.FILL).args(1).body((t, env) -> geo(() ->
                validated(env, GeoJson.polygon(GeoJson.lineOf(geometryArg(t, env, 0)), List.of()))));
        r.term(TermType.DISTANCE).args(2).optargs("geo_system", "unit").body((t, env) -> geo(() -> distance(t, env)));
        r.term(TermType.CIRCLE).args(2).optargs("geo_system", "unit", "fill", "num_vertices")
                .body((t, env) -> geo(() -> circle(t, env)));
        r.term(TermType.INTERSECTS).args(2).body((t, env) -> objOrSeq(t, env, "intersects",
                (a, b) -> GeoOps.intersects(GeoJson.toShape(a), GeoJson.toShape(b))));
        r.term(TermType.INCLUDES).args(2).body((t, env) -> objOrSeq(t, env, "includes", (a, b) -> {
            S2Polygon outer = GeoJson.polygonOf(a);
            return GeoOps.includes(outer, GeoJson.toShape(b));
        }));
        r.term(TermType.POLYGON_SUB).args(2).body((t, env) -> geo(() -> polygonSub(t, env)));
        GeoIndexTerms.register(r);
    }

    /** Runs geometric code, turning its failures into query logic errors. */
    public static <T> T geo(java.util.function.Supplier<T> body) {
        try {
            return body.get();
        } catch (GeoException e) {
            throw e.toReql();
        }
    }

    /**
     * A geometry this term built, checked as RethinkDB does: its coordinate arrays against the
     * array limit as they are built (a 32-vertex circle is over a limit of 10), then its shape.
     */
    private static ObjectDatum validated(Env env, ObjectDatum g) {
        Values.checkArraysWithin(g, env.context().arrayLimit());
        GeoJson.validate(g);
        return g;
    }

    private static List<LonLat> points(Term t, Env env) {
        List<LonLat> line = new ArrayList<>();
        for (int i = 0; i < t.argCount(); i++) {
            Datum d = t.datumArg(env, i);
            line.add(GeoJson.pointArgument(d));
        }
        return line;
    }

    private static Datum geojson(Datum d) {
        GeoJson.validate(d);
        TreeMap<String, Datum> m = ((ObjectDatum) d).toMutableMap();
        if (m.containsKey(ObjectDatum.REQL_TYPE)) {
            throw new ReqlQueryLogicError("GeoJSON object already had a $reql_type$ field.");
        }
        m.put(ObjectDatum.REQL_TYPE, new StringDatum("GEOMETRY"));
        m.remove("bbox");
        ObjectDatum result = ObjectDatum.wrap(m);
        GeoJson.sanitize(result);
        return result;
    }

    /** Argument {@code i} as a GEOMETRY value. */
    public static ObjectDatum geometryArg(Term t, Env env, int i) {
        Datum d = t.datumArg(env, i);
        return t.inArg(i, () -> GeoJson.expectGeometry(d));
    }

    /** The {@code unit} optarg in meters per unit (default meters). */
    public static double unit(Term t, Env env) {
        String unit = t.optargString(env, "unit", "m");
        return Geodesy.unitMeters(unit);
    }

    public static Geodesy.Ellipsoid ellipsoid(Term t, Env env) {
        Datum d = t.optargDatum(env, "geo_system");
        return t.inOptarg("geo_system", () -> Geodesy.ellipsoid(d));
    }

    private static Datum distance(Term t, Env env) {
        ObjectDatum g1 = geometryArg(t, env, 0);
        ObjectDatum g2 = geometryArg(t, env, 1);
        Geodesy.Ellipsoid e = ellipsoid(t, env);
        double unit = unit(t, env);
        S2Point p;
        ObjectDatum other;
        if ("Point".equals(GeoJson.typeOf(g1))) {
            p = GeoJson.toS2Point(GeoJson.pointOf(g1));
            other = g2;
        } else {
            p = GeoJson.toS2Point(GeoJson.pointOf(g2));
            other = g1;
        }
        double meters = Geodesy.distance(p, GeoJson.toShape(other), e);
        return NumberDatum.of(Geodesy.convert(meters, 1.0, unit));
    }

    private static Datum circle(Term t, Env env) {
        Datum center = t.datumArg(env, 0);
        double radius = t.numberArg(env, 1);
        boolean fill = t.optargBool(env, "fill", true);
        long numVertices = 32;
        if (t.hasOptarg(env, "num_vertices")) {
            Datum n = t.optargDatum(env, "num_vertices");
            numVertices = t.inOptarg("num_vertices", () -> Values.toLong(n));
            if (numVertices <= 0) {
                throw new ReqlQueryLogicError("num_vertices must be positive.").addFrame("num_vertices");
            }
        }
        Geodesy.Ellipsoid e = ellipsoid(t, env);
        double unit = unit(t, env);
        LonLat c = GeoJson.pointArgument(center);
        List<LonLat> vertices = Geodesy.circle(c, Geodesy.convert(radius, unit, 1.0), numVertices, e);
        return validated(env, fill ? GeoJson.polygon(vertices, List.of()) : GeoJson.line(vertices));
    }

    private static ObjectDatum polygonSubArg(Term t, Env env, int i) {
        ObjectDatum g = geometryArg(t, env, i);
        String type = ((StringDatum) g.get("type")).value();
        if (!type.equals("Polygon")) {
            throw new ReqlQueryLogicError("Expected a Polygon but found a " + type + ".").addFrame(i);
        }
        if (((ArrayDatum) g.get("coordinates")).items().size() > 1) {
            throw new ReqlQueryLogicError("Expected a Polygon with only an outer shell.  This one has holes.")
                    .addFrame(i);
        }
        return g;
    }

    private static Datum polygonSub(Term t, Env env) {
        ObjectDatum lhs = polygonSubArg(t, env, 0);
        ObjectDatum rhs = polygonSubArg(t, env, 1);
        if (!GeoOps.includes(GeoJson.polygonOf(lhs), GeoJson.toShape(rhs))) {
            throw new GeoException("The second argument to `polygon_sub` is not contained in the first one.");
        }
        List<Datum> rings = new ArrayList<>(((ArrayDatum) lhs.get("coordinates")).items());
        rings.add(((ArrayDatum) rhs.get("coordinates")).items().get(0));
        return validated(env, GeoJson.geometry("Polygon", ArrayDatum.wrap(rings)));
    }

    /**
     * RethinkDB's object-or-sequence dispatch for {@code intersects} and {@code includes}: on a
     * geometry the test itself, on a sequence a filter keeping the elements that pass.
     */
    private static Object objOrSeq(Term t, Env env, String name, BiPredicate<Datum, Datum> test) {
        Object v0 = t.arg(env, 0);
        Datum d = v0 instanceof Datum || v0 instanceof io.reqldb.query.eval.SingleSelection ? Values.toDatum(v0) : null;
        if (d != null && (d.type() == DatumType.OBJECT || d.type() == DatumType.GEOMETRY
                || d.type() == DatumType.TIME || d.type() == DatumType.BINARY)) {
            if (d.type() == DatumType.TIME || d.type() == DatumType.BINARY) {
                throw new ReqlQueryLogicError("Cannot call `" + name + "` on objects of type `" + d.typeName() + "`.")
                        .addFrame(0);
            }
            ObjectDatum g = GeoJson.expectGeometry(d);
            ObjectDatum other = geometryArg(t, env, 1);
            return Datum.of(geo(() -> test.test(g, other)));
        }
        if (d != null && d.type() != DatumType.ARRAY) {
            throw new ReqlQueryLogicError("Cannot perform " + name + " on a non-object non-sequence `"
                    + DatumPrinter.truncated(d) + "`.").addFrame(0);
        }
        Sequence seq = t.seqArg(env, 0);
        ObjectDatum other = geometryArg(t, env, 1);
        Sequence filtered = TransformedSequence.filter(seq,
                item -> geo(() -> test.test(GeoJson.expectGeometry(item), other)));
        if (seq.isArray()) {
            return Values.materialize(filtered, env.context().arrayLimit());
        }
        return filtered;
    }
}

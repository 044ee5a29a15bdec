package io.reqldb.query.terms.geo;

import com.google.common.geometry.S1Angle;
import com.google.common.geometry.S2Cap;
import com.google.common.geometry.S2Point;
import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.ReconstructableDouble;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.eval.CursorSequence;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.QueryContext;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.GeoTerms;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.KeyRange;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** {@code get_intersecting} and {@code get_nearest}: queries over a table's geospatial index. */
public final class GeoIndexTerms {
    private static final int NEAREST_NUM_VERTICES = 8;

    private GeoIndexTerms() {
    }

    public static void register(TermRegistry r) {
        r.term(TermType.GET_INTERSECTING).args(2).optargs("index").body(GeoIndexTerms::getIntersecting);
        r.term(TermType.GET_NEAREST).args(2).optargs("index", "max_results", "max_dist", "geo_system", "unit")
                .body(GeoIndexTerms::getNearest);
    }

    private static TableValue tableArg(Term t, Env env) {
        Object v = t.arg(env, 0);
        if (v instanceof TableValue tv && !tv.isSlice()) {
            return tv;
        }
        throw Values.typeError("TABLE", v).addFrame(0);
    }

    private static String indexName(Term t, Env env, TableRef ref, String term) {
        if (!t.hasOptarg(env, "index")) {
            throw new ReqlQueryLogicError(term + " requires an index argument.");
        }
        String index = t.optargString(env, "index", null);
        if (index.equals(ref.primaryKey())) {
            throw new ReqlQueryLogicError(term + " cannot use the primary index.");
        }
        return index;
    }

    private static IndexDefinition geoIndex(TableRef ref, String index, String term) {
        for (IndexStatus s : ref.translate(() -> ref.storage().indexes())) {
            if (s.definition().name().equals(index)) {
                if (!s.definition().geo()) {
                    throw new ReqlQueryLogicError("Index `" + index + "` is not a geospatial index.  " + term
                            + " can only be used with a geospatial index.");
                }
                if (!s.ready()) {
                    throw new ReqlOpFailedError("Index `" + index + "` on table `" + ref.qualifiedName()
                            + "` was accessed before its construction was finished.");
                }
                return s.definition();
            }
        }
        throw new ReqlOpFailedError("Index `" + index + "` was not found on table `" + ref.qualifiedName() + "`.");
    }

    /** One document with one geometry it is indexed under. */
    private record Entry(Datum doc, Geometry geometry) {
    }

    /**
     * The index's entries that may meet {@code cells}. An index whose keys are the geometries
     * themselves is scanned whole; one keyed by S2 cells ({@link GeoIndex#keys}) only over the
     * cells' ranges, its geometries recomputed from the documents.
     */
    private static List<Entry> entries(QueryContext ctx, TableRef ref, IndexDefinition def,
                                       java.util.function.Supplier<List<com.google.common.geometry.S2CellId>> cells) {
        List<Entry> out = new ArrayList<>();
        String index = def.name();
        try (DocumentCursor c = ref.translate(() -> ref.storage().indexScan(index, KeyRange.ALL, false))) {
            Datum first = c.next();
            if (first == null) {
                return out;
            }
            if (!GeoIndex.isCellKey(indexValue(c))) {
                for (Datum doc = first; doc != null; doc = c.next()) {
                    Geometry g = geometry(indexValue(c));
                    if (g != null) {
                        out.add(new Entry(doc, g));
                    } else {
                        for (Geometry each : geometries(ctx, ref, def, doc)) {
                            out.add(new Entry(doc, each));
                        }
                    }
                }
                return out;
            }
        }
        Map<Datum, Datum> docs = new LinkedHashMap<>();
        String pk = ref.primaryKey();
        for (KeyRange range : GeoIndex.ranges(cells.get())) {
            try (DocumentCursor c = ref.translate(() -> ref.storage().indexScan(index, range, false))) {
                for (Datum doc = c.next(); doc != null; doc = c.next()) {
                    docs.putIfAbsent(((ObjectDatum) doc).get(pk), doc);
                }
            }
        }
        for (Datum doc : docs.values()) {
            for (Geometry g : geometries(ctx, ref, def, doc)) {
                out.add(new Entry(doc, g));
            }
        }
        return out;
    }

    private static Datum indexValue(DocumentCursor c) {
        try {
            return c.currentIndexValue();
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The geometry an index entry stores, or null when the key holds no usable geometry (e.g. truncated). */
    private static Geometry geometry(Datum key) {
        if (key == null) {
            return null;
        }
        try {
            return GeoJson.validate(GeoJson.expectGeometry(key));
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The geometries a document is indexed under, from the index function: one, or a multi index's array. */
    private static List<Geometry> geometries(QueryContext ctx, TableRef ref, IndexDefinition def, Datum doc) {
        Datum v = GeoIndex.evaluate(ctx, ref, def, doc);
        List<Geometry> out = new ArrayList<>();
        if (v == null) {
            return out;
        }
        List<Datum> values = def.multi() && v instanceof ArrayDatum a ? a.items() : List.of(v);
        for (Datum d : values) {
            Geometry g = geometry(d);
            if (g != null) {
                out.add(g);
            }
        }
        return out;
    }

    private static Object getIntersecting(Term t, Env env) {
        TableValue table = tableArg(t, env);
        Datum queryArg = t.datumArg(env, 1);
        TableRef ref = table.ref();
        String index = indexName(t, env, ref, "get_intersecting");
        ObjectDatum query = t.inArg(1, () -> GeoJson.expectGeometry(queryArg));
        Geometry q = GeoTerms.geo(() -> GeoJson.validate(query));
        IndexDefinition def = geoIndex(ref, index, "get_intersecting");
        QueryContext ctx = env.context();
        List<Datum> result = new ArrayList<>();
        for (Entry e : entries(ctx, ref, def, () -> GeoIndex.covering(q))) {
            if (GeoTerms.geo(() -> GeoOps.intersects(q, e.geometry()))) {
                if (result.size() >= ctx.arrayLimit()) {
                    throw new ReqlResourceLimitError("Array size limit exceeded during geospatial index traversal.");
                }
                result.add(e.doc());
            }
        }
        Iterator<Datum> it = result.iterator();
        return new CursorSequence(ref, () -> new DocumentCursor() {
            @Override
            public Datum next() {
                return it.hasNext() ? it.next() : null;
            }

            @Override
            public void close() {
            }
        });
    }

    private record Hit(double meters, Datum doc) {
    }

    private static Object getNearest(Term t, Env env) {
        TableValue table = tableArg(t, env);
        Datum centerArg = t.datumArg(env, 1);
        TableRef ref = table.ref();
        String index = indexName(t, env, ref, "get_nearest");
        GeoJson.LonLat center = GeoTerms.geo(() -> t.inArg(1, () -> GeoJson.pointArgument(centerArg)));
        Geodesy.Ellipsoid e = GeoTerms.ellipsoid(t, env);
        double unit = GeoTerms.geo(() -> GeoTerms.unit(t, env));
        double maxDist = 100000;
        if (t.hasOptarg(env, "max_dist")) {
            maxDist = Geodesy.convert(t.inOptarg("max_dist", () -> Values.toNumber(t.optargDatum(env, "max_dist"))),
                    unit, 1.0);
            if (!(maxDist > 0.0)) {
                throw new ReqlQueryLogicError("max_dist must be positive.").addFrame("max_dist");
            }
        }
        long maxResults = 100;
        if (t.hasOptarg(env, "max_results")) {
            maxResults = t.inOptarg("max_results", () -> Values.toLong(t.optargDatum(env, "max_results")));
            if (maxResults <= 0) {
                throw new ReqlQueryLogicError("max_results must be positive.").addFrame("max_results");
            }
        }
        IndexDefinition def = geoIndex(ref, index, "get_nearest");
        S2Point c = GeoTerms.geo(() -> GeoJson.toS2Point(center));
        double distortion = Math.max(e.a(), e.polesRadius()) / Math.min(e.a(), e.polesRadius());
        double limit = Geodesy.maxRadius(e);
        double exRadius = maxDist * 1.01 / Math.cos(Math.PI / NEAREST_NUM_VERTICES) * distortion;
        double searchRadius = Math.min(exRadius, limit);
        double angle = Math.min(Math.PI, searchRadius / Math.min(e.a(), e.polesRadius()) * distortion * 1.01 + 1e-9);
        S2Cap cap = S2Cap.fromAxisAngle(c, S1Angle.radians(angle));
        QueryContext ctx = env.context();
        Map<Datum, Hit> nearest = new LinkedHashMap<>();
        String pk = ref.primaryKey();
        for (Entry entry : entries(ctx, ref, def, () -> GeoIndex.covering(cap))) {
            double d = GeoTerms.geo(() -> Geodesy.distance(c, entry.geometry(), e));
            Datum key = ((ObjectDatum) entry.doc()).get(pk);
            Hit old = nearest.get(key);
            if (d <= maxDist && (old == null || d < old.meters())) {
                nearest.put(key, new Hit(d, entry.doc()));
            }
        }
        List<Hit> hits = new ArrayList<>(nearest.values());
        hits.sort(Comparator.comparingDouble(Hit::meters));
        if (exRadius >= limit) {
            // RethinkDB widens its search in steps and fails once the search shape grows too large,
            // unless it found max_results documents before that.
            double reachable = limit / (1.01 / Math.cos(Math.PI / NEAREST_NUM_VERTICES) * distortion);
            long within = hits.stream().filter(h -> h.meters() <= reachable).count();
            if (within < maxResults) {
                throw new ReqlQueryLogicError("The distance has become too large for continuing the indexed nearest "
                        + "traversal.  Consider specifying a smaller `max_dist` parameter.  (Radius must be smaller "
                        + "than a quarter of the circumference along the minor axis of the reference ellipsoid.  Got "
                        + ReconstructableDouble.format(exRadius) + "m, but must be smaller than "
                        + ReconstructableDouble.format(limit) + "m.)");
            }
        }
        List<Datum> out = new ArrayList<>();
        for (Hit h : hits) {
            if (out.size() >= maxResults) {
                break;
            }
            TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
            m.put("dist", NumberDatum.of(Geodesy.convert(h.meters(), 1.0, unit)));
            m.put("doc", h.doc());
            out.add(ObjectDatum.wrap(m));
        }
        if (out.size() > env.context().arrayLimit()) {
            throw Values.arrayLimit(env.context().arrayLimit());
        }
        return ArrayDatum.wrap(out);
    }
}

package io.reqldb.query.terms.geo;

import com.google.common.geometry.S2CellId;
import com.google.common.geometry.S2Region;
import com.google.common.geometry.S2RegionCoverer;
import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.QueryContext;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.Values;
import io.reqldb.query.terms.index.StoredFunctions;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.KeyRange;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Geospatial index entries. A geometry is indexed under the S2 cells that cover it, each key a
 * string {@code "G"} + the cell id as 16 hex digits, so key order is cell order. A query geometry
 * is covered the same way; an indexed cell intersects a query cell when it lies inside the query
 * cell's id range or is one of its ancestors. Candidates found so are checked exactly afterwards.
 *
 * <p>Index creation calls {@link #keys}; the index function is evaluated at query time through the
 * {@link Evaluator} (by default: the stored index blob decoded by {@code index.StoredFunctions}).
 */
public final class GeoIndex {
    private static final int MAX_CELLS = 8;

    /** Evaluates a stored index function on one document (Java null when it fails). */
    @FunctionalInterface
    public interface Evaluator {
        Datum evaluate(QueryContext context, TableRef table, IndexDefinition index, Datum document);
    }

    private static volatile Evaluator evaluator = GeoIndex::evaluateWireFunction;

    private GeoIndex() {
    }

    /** Installs how index functions are evaluated; null restores the default. */
    public static void setEvaluator(Evaluator e) {
        evaluator = e != null ? e : GeoIndex::evaluateWireFunction;
    }

    /**
     * The index keys of an index function's value: the covering cells of a GEOMETRY, or for a
     * multi index of each GEOMETRY of an array. Anything else is a query logic error (so the
     * document is left out of the index, as RethinkDB does).
     */
    public static List<Datum> keys(Datum value, boolean multi) {
        Set<String> cells = new LinkedHashSet<>();
        if (multi && value instanceof ArrayDatum a) {
            for (Datum item : a.items()) {
                addCells(item, cells);
            }
        } else {
            addCells(value, cells);
        }
        List<Datum> out = new ArrayList<>(cells.size());
        for (String c : cells) {
            out.add(new StringDatum(c));
        }
        return out;
    }

    private static void addCells(Datum value, Set<String> out) {
        Geometry g;
        try {
            g = GeoJson.validate(GeoJson.expectGeometry(value));
        } catch (GeoException e) {
            throw e.toReql();
        }
        for (S2CellId c : covering(g)) {
            out.add(key(c));
        }
    }

    /** Whether an index key is one of {@link #keys}' cell keys (rather than a stored geometry). */
    static boolean isCellKey(Datum key) {
        return key instanceof StringDatum s && s.value().length() == 17 && s.value().charAt(0) == 'G';
    }

    static String key(S2CellId c) {
        return "G" + String.format(Locale.ROOT, "%016x", c.id());
    }

    static List<S2CellId> covering(Geometry g) {
        if (g.point() != null) {
            return List.of(S2CellId.fromPoint(g.point()));
        }
        return covering(g.line() != null ? new LineRegion(g.line()) : g.polygon());
    }

    /** A polyline as a region to cover: it contains no cell (S2's Java port refuses to answer). */
    private record LineRegion(com.google.common.geometry.S2Polyline line) implements S2Region {
        @Override
        public com.google.common.geometry.S2Cap getCapBound() {
            return line.getCapBound();
        }

        @Override
        public com.google.common.geometry.S2LatLngRect getRectBound() {
            return line.getRectBound();
        }

        @Override
        public boolean contains(com.google.common.geometry.S2Cell cell) {
            return false;
        }

        @Override
        public boolean mayIntersect(com.google.common.geometry.S2Cell cell) {
            return line.mayIntersect(cell);
        }
    }

    static List<S2CellId> covering(S2Region region) {
        S2RegionCoverer coverer = new S2RegionCoverer();
        coverer.setMaxCells(MAX_CELLS);
        ArrayList<S2CellId> cells = new ArrayList<>();
        coverer.getCovering(region, cells);
        return cells;
    }

    /** The key ranges to scan for index entries whose cells meet the given cells. */
    static List<KeyRange> ranges(List<S2CellId> queryCells) {
        Set<String> exact = new LinkedHashSet<>();
        List<KeyRange> out = new ArrayList<>();
        for (S2CellId q : queryCells) {
            out.add(new KeyRange(new StringDatum(key(q.rangeMin())), true, new StringDatum(key(q.rangeMax())), true));
            for (int level = q.level() - 1; level >= 0; level--) {
                exact.add(key(q.parent(level)));
            }
        }
        for (String k : exact) {
            out.add(KeyRange.exactly(new StringDatum(k)));
        }
        return out;
    }


    /** The index function's value for a document, or null when it has none (the document is not indexed). */
    static Datum evaluate(QueryContext context, TableRef table, IndexDefinition index, Datum document) {
        try {
            return evaluator.evaluate(context, table, index, document);
        } catch (RuntimeException e) {
            return null;
        }
    }

    /** The default evaluator: decodes the stored index blob and runs its function in this query's context. */
    private static Datum evaluateWireFunction(QueryContext context, TableRef table, IndexDefinition index,
                                              Datum document) {
        Datum raw = StoredFunctions.decodeIndex(index.function()).func().toWire();
        Object f = context.compiler().compile(raw).eval(new Env(context));
        Datum v = Values.toFunc(f).call(document);
        return v.type() == DatumType.NULL ? null : v;
    }
}

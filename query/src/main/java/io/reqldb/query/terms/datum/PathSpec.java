package io.reqldb.query.terms.datum;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The field paths of pluck, without, has_fields and with_fields, as RethinkDB's pathspec: a
 * field name, a list of paths, or an object of nested paths ({@code {a: {b: true}, c: 'd'}}).
 * Nested paths that meet a non-object are skipped, as in RethinkDB.
 */
public sealed interface PathSpec {
    /** One field. */
    record Field(String name) implements PathSpec {
    }

    /** Several paths, all applied. */
    record All(List<PathSpec> paths) implements PathSpec {
    }

    /** Nested paths below fields. */
    record Nested(Map<String, PathSpec> fields) implements PathSpec {
    }

    /** Thrown internally where RethinkDB's datum access fails on a non-object; always caught here. */
    final class NotAnObject extends RuntimeException {
        NotAnObject() {
            super(null, null, false, false);
        }
    }

    /** Parses a path argument (string, array or object); "Invalid path argument `1`." otherwise. */
    static PathSpec of(Datum d) {
        PathSpec spec;
        if (d instanceof StringDatum s) {
            return new Field(s.value());
        } else if (d instanceof ArrayDatum a) {
            List<PathSpec> paths = new ArrayList<>(a.size());
            for (Datum item : a.items()) {
                paths.add(of(item));
            }
            spec = new All(paths);
        } else if (d instanceof ObjectDatum o && o.type() == io.reqldb.datum.DatumType.OBJECT) {
            List<PathSpec> fields = new ArrayList<>();
            TreeMap<String, PathSpec> nested = new TreeMap<>(io.reqldb.datum.StringOrder.CODE_POINT);
            for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
                if (e.getValue() == BoolDatum.TRUE) {
                    fields.add(new Field(e.getKey()));
                } else {
                    nested.put(e.getKey(), of(e.getValue()));
                }
            }
            if (fields.isEmpty()) {
                return new Nested(nested);
            }
            if (!nested.isEmpty()) {
                fields.add(new Nested(nested));
            }
            spec = new All(fields);
        } else {
            throw new ReqlQueryLogicError("Invalid path argument `" + DatumPrinter.print(d) + "`.");
        }
        return spec instanceof All all && all.paths().size() == 1 ? all.paths().get(0) : spec;
    }

    private static ObjectDatum asObject(Datum d) {
        if (d instanceof ObjectDatum o) {
            return o;
        }
        if (d instanceof io.reqldb.datum.TimeDatum) {
            return io.reqldb.datum.DatumJson.asRawObject(d);
        }
        throw new NotAnObject();
    }

    /** Only the given paths of {@code d} (pluck). */
    static Datum project(Datum d, PathSpec spec, boolean recurse) {
        if (d instanceof ArrayDatum a && recurse) {
            List<Datum> out = new ArrayList<>(a.size());
            for (Datum item : a.items()) {
                out.add(project(item, spec, false));
            }
            return ArrayDatum.wrap(out);
        }
        ObjectDatum obj = asObject(d);
        TreeMap<String, Datum> res = ObjectDatum.newFieldMap();
        projectInto(obj, spec, recurse, res);
        return ObjectDatum.wrap(res);
    }

    private static void projectInto(ObjectDatum obj, PathSpec spec, boolean recurse, TreeMap<String, Datum> res) {
        if (spec instanceof Field f) {
            Datum v = obj.get(f.name());
            if (v != null) {
                res.put(f.name(), v);
            }
        } else if (spec instanceof All all) {
            for (PathSpec p : all.paths()) {
                projectInto(obj, p, recurse, res);
            }
        } else if (spec instanceof Nested n) {
            {
                for (Map.Entry<String, PathSpec> e : n.fields().entrySet()) {
                    Datum v = obj.get(e.getKey());
                    if (v != null) {
                        try {
                            res.put(e.getKey(), project(v, e.getValue(), true));
                        } catch (NotAnObject skipped) {
                            // RethinkDB drops nested paths that meet a non-object.
                        }
                    }
                }
            }
        }
    }

    /** {@code d} without the given paths (without). */
    static Datum unproject(Datum d, PathSpec spec, boolean recurse) {
        if (d instanceof ArrayDatum a && recurse) {
            List<Datum> out = new ArrayList<>(a.size());
            for (Datum item : a.items()) {
                out.add(unproject(item, spec, false));
            }
            return ArrayDatum.wrap(out);
        }
        TreeMap<String, Datum> res = asObject(d).toMutableMap();
        unprojectFrom(res, spec);
        return ObjectDatum.wrap(res);
    }

    private static void unprojectFrom(TreeMap<String, Datum> res, PathSpec spec) {
        if (spec instanceof Field f) {
            res.remove(f.name());
        } else if (spec instanceof All all) {
            for (PathSpec p : all.paths()) {
                unprojectFrom(res, p);
            }
        } else if (spec instanceof Nested n) {
            {
                for (Map.Entry<String, PathSpec> e : n.fields().entrySet()) {
                    Datum v = res.get(e.getKey());
                    if (v != null) {
                        try {
                            res.put(e.getKey(), unproject(v, e.getValue(), true));
                        } catch (NotAnObject skipped) {
                            // left as it is
                        }
                    }
                }
            }
        }
    }

    /** Whether every path exists in {@code d} with a non-null value (has_fields). */
    static boolean contains(Datum d, PathSpec spec) {
        try {
            ObjectDatum obj = asObject(d);
            if (spec instanceof Field f) {
                Datum v = obj.get(f.name());
                return v != null && v != NullDatum.INSTANCE;
            } else if (spec instanceof All all) {
                for (PathSpec p : all.paths()) {
                    if (!contains(obj, p)) {
                        return false;
                    }
                }
                return true;
            } else if (spec instanceof Nested n) {
                for (Map.Entry<String, PathSpec> e : n.fields().entrySet()) {
                    Datum v = obj.get(e.getKey());
                    if (v == null || !contains(v, e.getValue())) {
                        return false;
                    }
                }
                return true;
            }
        } catch (NotAnObject e) {
            return false;
        }
        return false;
    }
}

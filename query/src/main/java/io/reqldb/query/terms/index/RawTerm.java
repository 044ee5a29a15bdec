package io.reqldb.query.terms.index;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.term.TermCompiler;
import io.reqldb.query.term.TermType;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A term tree independent of its encoding, the pivot between the two JSON forms a stored function
 * takes: the wire form clients send ({@code [type, args, optargs]}, bare datums, objects as
 * MAKE_OBJ) and RethinkDB's stored form inside index and write-hook blobs ({@code [type, args?,
 * optargs?, backtrace_id]}, datums as {@code [1, value, bt]}).
 *
 * @param type    the term type number
 * @param args    positional arguments (empty for DATUM)
 * @param optargs optional arguments (for MAKE_OBJ: the fields)
 * @param datum   the value of a DATUM term, else null
 * @param bt      RethinkDB's backtrace id in the stored form (kept so blobs round-trip; 0 when new)
 */
public record RawTerm(int type, List<RawTerm> args, Map<String, RawTerm> optargs, Datum datum, long bt) {
    /** A term without a backtrace id. */
    public RawTerm(int type, List<RawTerm> args, Map<String, RawTerm> optargs, Datum datum) {
        this(type, args, optargs, datum, 0);
    }

    static final int DATUM = TermType.DATUM.number();
    static final int MAKE_OBJ = TermType.MAKE_OBJ.number();

    static RawTerm datum(Datum value) {
        return new RawTerm(DATUM, List.of(), Map.of(), value);
    }

    /** Parses the wire form. */
    public static RawTerm fromWire(Datum d) {
        if (d instanceof ArrayDatum a) {
            int type = (int) ((NumberDatum) a.get(0)).value();
            if (type == DATUM) {
                return datum(a.size() > 1 ? a.get(1) : io.reqldb.datum.NullDatum.INSTANCE);
            }
            List<RawTerm> args = new ArrayList<>();
            Map<String, RawTerm> optargs = new LinkedHashMap<>();
            for (int i = 1; i < a.size(); i++) {
                if (a.get(i) instanceof ArrayDatum list) {
                    list.items().forEach(x -> args.add(fromWire(x)));
                } else if (TermCompiler.asObject(a.get(i)) != null) {
                    // Optargs shaped like a TIME or BINARY were read as one (a MAKE_OBJ of a Java Map).
                    TermCompiler.asObject(a.get(i)).fields().forEach((k, v) -> optargs.put(k, fromWire(v)));
                }
            }
            return new RawTerm(type, args, optargs, null);
        }
        if (d instanceof ObjectDatum o && o.type() == DatumType.OBJECT) {
            Map<String, RawTerm> fields = new LinkedHashMap<>();
            o.fields().forEach((k, v) -> fields.put(k, fromWire(v)));
            return new RawTerm(MAKE_OBJ, List.of(), fields, null);
        }
        return datum(d);
    }

    /** The wire form, which the term compiler accepts. */
    public Datum toWire() {
        List<Datum> out = new ArrayList<>();
        if (type == DATUM) {
            switch (datum.type()) {
                case NULL, BOOL, NUMBER, STRING:
                    return datum;
                default:
                    out.add(NumberDatum.of(type));
                    out.add(datum);
                    return ArrayDatum.wrap(out);
            }
        }
        out.add(NumberDatum.of(type));
        List<Datum> a = new ArrayList<>();
        args.forEach(x -> a.add(x.toWire()));
        out.add(ArrayDatum.wrap(a));
        if (!optargs.isEmpty()) {
            TreeMap<String, Datum> o = ObjectDatum.newFieldMap();
            optargs.forEach((k, v) -> o.put(k, v.toWire()));
            out.add(ObjectDatum.wrap(o));
        }
        return ArrayDatum.wrap(out);
    }

    /** Parses RethinkDB's stored form (the last element of every term is its backtrace id). */
    public static RawTerm fromStored(Datum d) {
        if (!(d instanceof ArrayDatum a) || a.size() < 2 || !(a.get(0) instanceof NumberDatum n)) {
            throw new ReqlQueryLogicError("Binary blob passed to index create could not be interpreted as a "
                    + "reql_index_function (malformed term).");
        }
        int type = (int) n.value();
        long bt = a.get(a.size() - 1) instanceof NumberDatum b ? (long) b.value() : 0;
        if (type == DATUM) {
            return new RawTerm(DATUM, List.of(), Map.of(), a.get(1), bt);
        }
        List<RawTerm> args = new ArrayList<>();
        Map<String, RawTerm> optargs = new LinkedHashMap<>();
        for (int i = 1; i < a.size() - 1; i++) {
            if (a.get(i) instanceof ArrayDatum list) {
                list.items().forEach(x -> args.add(fromStored(x)));
            } else if (a.get(i) instanceof ObjectDatum o) {
                o.fields().forEach((k, v) -> optargs.put(k, fromStored(v)));
            }
        }
        return new RawTerm(type, args, optargs, null, bt);
    }

    /** RethinkDB's stored form, with the backtrace ids read from a blob (0 for terms made here). */
    public Datum toStored() {
        List<Datum> out = new ArrayList<>();
        out.add(NumberDatum.of(type));
        if (type == DATUM) {
            out.add(datum);
        } else {
            if (!args.isEmpty() || type != MAKE_OBJ) {
                List<Datum> a = new ArrayList<>();
                args.forEach(x -> a.add(x.toStored()));
                out.add(ArrayDatum.wrap(a));
            }
            if (!optargs.isEmpty() || type == MAKE_OBJ) {
                TreeMap<String, Datum> o = ObjectDatum.newFieldMap();
                optargs.forEach((k, v) -> o.put(k, v.toStored()));
                out.add(ObjectDatum.wrap(o));
            }
        }
        out.add(NumberDatum.of(bt));
        return ArrayDatum.wrap(out);
    }
}

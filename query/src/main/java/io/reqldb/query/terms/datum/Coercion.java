package io.reqldb.query.terms.datum;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.DbValue;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.GroupedData;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code coerce_to}, following RethinkDB's rules: a value is returned as it is when it already
 * is of the asked kind; anything becomes a BOOL (null → false); datums convert STRING↔BINARY,
 * anything → STRING (compact JSON), OBJECT → ARRAY of pairs, STRING → NUMBER (C's strtod
 * syntax, with hex and "inf"); sequences become arrays, or objects from pairs.
 */
public final class Coercion {
    /** RethinkDB's kinds of values, in its order (val_t::type_t). */
    enum Kind { DB, TABLE, TABLE_SLICE, SELECTION, SEQUENCE, SINGLE_SELECTION, DATUM, FUNC, GROUPED_DATA }

    /** A coercion type: a kind, plus the datum type for datums (null when any). */
    record Type(Kind kind, DatumType sub) {
    }

    private static final Map<String, Type> NAMES = Map.ofEntries(
            Map.entry("DB", new Type(Kind.DB, null)),
            Map.entry("TABLE", new Type(Kind.TABLE, null)),
            Map.entry("TABLE_SLICE", new Type(Kind.TABLE_SLICE, null)),
            Map.entry("SELECTION<STREAM>", new Type(Kind.SELECTION, null)),
            Map.entry("SELECTION<ARRAY>", new Type(Kind.SELECTION, DatumType.ARRAY)),
            Map.entry("STREAM", new Type(Kind.SEQUENCE, null)),
            Map.entry("SELECTION<OBJECT>", new Type(Kind.SINGLE_SELECTION, null)),
            Map.entry("DATUM", new Type(Kind.DATUM, null)),
            Map.entry("FUNCTION", new Type(Kind.FUNC, null)),
            Map.entry("GROUPED_DATA", new Type(Kind.GROUPED_DATA, null)),
            Map.entry("NULL", new Type(Kind.DATUM, DatumType.NULL)),
            Map.entry("BINARY", new Type(Kind.DATUM, DatumType.BINARY)),
            Map.entry("BOOL", new Type(Kind.DATUM, DatumType.BOOL)),
            Map.entry("NUMBER", new Type(Kind.DATUM, DatumType.NUMBER)),
            Map.entry("STRING", new Type(Kind.DATUM, DatumType.STRING)),
            Map.entry("ARRAY", new Type(Kind.DATUM, DatumType.ARRAY)),
            Map.entry("OBJECT", new Type(Kind.DATUM, DatumType.OBJECT)),
            Map.entry("MINVAL", new Type(Kind.DATUM, DatumType.MINVAL)),
            Map.entry("MAXVAL", new Type(Kind.DATUM, DatumType.MAXVAL)));

    private static final Pattern STRTOD = Pattern.compile(
            "[ \\t\\n\\x0B\\f\\r]*([+-]?)(?:(?i:(inf(?:inity)?|nan))|0[xX]([0-9a-fA-F]*)(?:\\.([0-9a-fA-F]*))?(?:[pP]([+-]?[0-9]+))?"
                    + "|((?:[0-9]+\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?))");

    private Coercion() {
    }

    public static Object coerce(Object val, String typeName, Env env) {
        String upper = typeName.toUpperCase(Locale.ROOT);
        Type end = NAMES.get(upper);
        if (end == null) {
            throw new ReqlQueryLogicError("Unknown Type: " + upper);
        }
        Kind opaque = kindOf(val);
        boolean isDatum = val instanceof Datum || val instanceof SingleSelection;
        Datum d = isDatum ? Values.toDatum(val) : null;
        Type start = isDatum ? new Type(Kind.DATUM, coerceType(d)) : new Type(opaque, null);
        if ((end.sub() == null && convertible(opaque, end.kind())) || start.equals(end)) {
            return val;
        }
        if (end.sub() == DatumType.BOOL) {
            return BoolDatum.of(!(isDatum && d == NullDatum.INSTANCE));
        }
        if (isDatum && end.kind() == Kind.DATUM) {
            Datum converted = convertDatum(d, start.sub(), end.sub(), env);
            if (converted != null) {
                return converted;
            }
        }
        if (convertible(opaque, Kind.SEQUENCE) && !(isDatum && start.sub() != DatumType.ARRAY)) {
            Sequence seq = Values.toSequence(val);
            if (seq.isInfinite()) {
                seq.close();
                throw Values.infiniteStream();
            }
            if (end.sub() == DatumType.ARRAY || (end.kind() == Kind.DATUM && end.sub() == null)) {
                return Values.materialize(seq, env.context().arrayLimit());
            }
            if (end.sub() == DatumType.OBJECT) {
                return pairsToObject(seq);
            }
        }
        // the value's own error (RethinkDB's rfail_typed_target): its frame is COERCE_TO's argument 0
        String message = "Cannot coerce " + name(start) + " to " + name(end) + ".";
        throw (isDatum ? Values.typedError(d, message) : new ReqlQueryLogicError(message)).addFrame(0);
    }

    private static Datum convertDatum(Datum d, DatumType from, DatumType to, Env env) {
        if (from == DatumType.BINARY && to == DatumType.STRING) {
            return new StringDatum(new String(((BinaryDatum) d).bytes(), StandardCharsets.UTF_8));
        }
        if (from == DatumType.STRING && to == DatumType.BINARY) {
            return BinaryDatum.wrap(((StringDatum) d).value().getBytes(StandardCharsets.UTF_8));
        }
        if (to == DatumType.STRING) {
            // Shared parts are written out in full: the text may be far larger than the value.
            return new StringDatum(JsonText.write(env.context().control().checkWritable(d)));
        }
        if (from == DatumType.OBJECT && to == DatumType.ARRAY) {
            ObjectDatum o = d instanceof ObjectDatum obj ? obj : DatumJson.asRawObject(d);
            int limit = env.context().arrayLimit();
            if (o.size() > limit) {
                throw Values.arrayLimit(limit);
            }
            List<Datum> pairs = new ArrayList<>(o.size());
            for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
                pairs.add(ArrayDatum.of(new StringDatum(e.getKey()), e.getValue()));
            }
            return ArrayDatum.wrap(pairs);
        }
        if (from == DatumType.STRING && to == DatumType.NUMBER) {
            return Num.of(parseNumber(((StringDatum) d).value()));
        }
        return null;
    }

    /** C's sscanf("%lf%c") acceptance: the whole string must be one number (leading spaces allowed). */
    static double parseNumber(String s) {
        Matcher m = STRTOD.matcher(s);
        if (m.matches()) {
            double sign = "-".equals(m.group(1)) ? -1 : 1;
            if (m.group(2) != null) {
                return m.group(2).toLowerCase(Locale.ROOT).startsWith("inf") ? sign * Double.POSITIVE_INFINITY : Double.NaN;
            }
            if (m.group(6) != null) {
                return sign * Double.parseDouble(m.group(6));
            }
            String intPart = m.group(3);
            String frac = m.group(4) == null ? "" : m.group(4);
            if (!intPart.isEmpty() || !frac.isEmpty()) {
                String exp = m.group(5) == null ? "0" : m.group(5);
                return sign * Double.parseDouble("0x" + (intPart.isEmpty() ? "0" : intPart) + "." + frac + "p" + exp);
            }
        }
        throw new ReqlQueryLogicError("Could not coerce `" + s + "` to NUMBER.");
    }

    private static ObjectDatum pairsToObject(Sequence seq) {
        TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
        try (seq) {
            for (Datum pair = seq.next(); pair != null; pair = seq.next()) {
                ArrayDatum a = (ArrayDatum) Values.expect(pair, DatumType.ARRAY);
                if (a.size() != 2) {
                    throw new ReqlQueryLogicError("Expected array of size 2, but got size " + a.size() + ".");
                }
                String key = ((StringDatum) Values.expect(a.get(0), DatumType.STRING)).value();
                Datum old = fields.put(key, a.get(1));
                if (old != null) {
                    throw new ReqlQueryLogicError("Duplicate key " + DatumPrinter.print(new StringDatum(key))
                            + " in coerced object.  (got " + DatumPrinter.truncated(old) + " and "
                            + DatumPrinter.truncated(a.get(1)) + " as values)");
                }
            }
        }
        return ObjectDatum.wrap(fields);
    }

    /** Datum types as coerce_to sees them: TIME and GEOMETRY are OBJECTs. */
    private static DatumType coerceType(Datum d) {
        DatumType t = d.type();
        return t == DatumType.TIME || t == DatumType.GEOMETRY ? DatumType.OBJECT : t;
    }

    static Kind kindOf(Object v) {
        if (v instanceof Datum) {
            return Kind.DATUM;
        }
        if (v instanceof SingleSelection) {
            return Kind.SINGLE_SELECTION;
        }
        if (v instanceof TableValue t) {
            return t.isSlice() ? Kind.TABLE_SLICE : Kind.TABLE;
        }
        if (v instanceof Sequence s) {
            return s.table() != null ? Kind.SELECTION : Kind.SEQUENCE;
        }
        if (v instanceof DbValue) {
            return Kind.DB;
        }
        if (v instanceof FuncValue) {
            return Kind.FUNC;
        }
        if (v instanceof GroupedData) {
            return Kind.GROUPED_DATA;
        }
        throw new IllegalArgumentException("not a value: " + v);
    }

    /** RethinkDB's raw_type_is_convertible. */
    static boolean convertible(Kind from, Kind to) {
        return switch (from) {
            case DB -> to == Kind.DB;
            case TABLE -> to == Kind.TABLE || to == Kind.TABLE_SLICE || to == Kind.SELECTION || to == Kind.SEQUENCE;
            case TABLE_SLICE -> to == Kind.TABLE_SLICE || to == Kind.SELECTION || to == Kind.SEQUENCE;
            case SELECTION -> to == Kind.SELECTION || to == Kind.SEQUENCE;
            case SEQUENCE -> to == Kind.SEQUENCE;
            case SINGLE_SELECTION -> to == Kind.SINGLE_SELECTION || to == Kind.DATUM;
            case DATUM -> to == Kind.DATUM || to == Kind.SEQUENCE;
            case FUNC -> to == Kind.FUNC;
            case GROUPED_DATA -> to == Kind.GROUPED_DATA;
        };
    }

    private static String name(Type t) {
        if (t.sub() != null) {
            return t.sub() == DatumType.ARRAY && t.kind() == Kind.SELECTION ? "SELECTION<ARRAY>" : t.sub().name();
        }
        return switch (t.kind()) {
            case SELECTION -> "SELECTION<STREAM>";
            case SEQUENCE -> "STREAM";
            case SINGLE_SELECTION -> "SELECTION<OBJECT>";
            case FUNC -> "FUNCTION";
            default -> t.kind().name();
        };
    }
}

package io.reqldb.query.terms.datum;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.term.FuncTerm;
import io.reqldb.query.term.Term;
import io.reqldb.query.term.TermType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code r.literal} values and RethinkDB's merge rules for them. A literal is legal only where
 * RethinkDB passes its LITERAL_OK flag: the argument of merge or update, through nested object
 * literals and the body of a function given there, but not inside another literal. Terms that
 * accept literals call {@link #allowIn} on such an argument when they are built, which marks
 * the {@link LiteralTerm}s found in those positions.
 */
public final class Literals {
    public static final String LITERAL = "LITERAL";
    public static final String VALUE = "value";

    private Literals() {
    }

    /**
     * Marks the literals in the arguments of a term that passes RethinkDB's LITERAL_OK flag to
     * them: merge (all but the first), update and filter (the second). Called by the term
     * compiler for every term, before any {@code r.args} expansion.
     */
    public static void allowInArgs(TermType type, Term[] args) {
        switch (type) {
            case MERGE -> {
                for (int i = 1; i < args.length; i++) {
                    allowIn(args[i]);
                }
            }
            case UPDATE, FILTER -> {
                if (args.length > 1) {
                    allowIn(args[1]);
                }
            }
            default -> {
            }
        }
    }

    /**
     * Marks the literals that {@code arg} may contain where RethinkDB allows them: the argument
     * itself, object literal fields, a function's body, and through {@code r.args([...])}.
     */
    public static void allowIn(Term arg) {
        if (arg instanceof LiteralTerm literal) {
            literal.allow();
        } else if (arg instanceof FuncTerm f) {
            allowIn(f.body());
        } else if (arg.type() == TermType.MAKE_OBJ) {
            for (Term field : arg.rawOptargs()) {
                allowIn(field);
            }
        } else if (arg.type() == TermType.ARGS || arg.type() == TermType.MAKE_ARRAY) {
            for (int i = 0; i < arg.argCount(); i++) {
                allowIn(arg.rawArg(i));
            }
        }
    }

    /** The literal object {@code {$reql_type$: "LITERAL", value: v}}; {@code v} null for none. */
    public static ObjectDatum make(Datum value) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put(ObjectDatum.REQL_TYPE, new StringDatum(LITERAL));
        if (value != null) {
            m.put(VALUE, value);
        }
        return ObjectDatum.wrap(m);
    }

    public static boolean isLiteral(Datum d) {
        return d instanceof ObjectDatum o && LITERAL.equals(o.reqlType());
    }

    /** RethinkDB's datum merge: objects merge recursively, literals replace, anything else wins. */
    public static Datum merge(Datum lhs, Datum rhs) {
        if (!(lhs instanceof ObjectDatum left) || !(rhs instanceof ObjectDatum right)) {
            return dropLiterals(rhs);
        }
        TreeMap<String, Datum> out = left.toMutableMap();
        for (Map.Entry<String, Datum> e : right.fields().entrySet()) {
            Datum sub = out.get(e.getKey());
            Datum v = e.getValue();
            boolean literal = isLiteral(v);
            if (v instanceof ObjectDatum && sub != null && !literal) {
                out.put(e.getKey(), merge(sub, v));
                continue;
            }
            Datum val = literal ? ((ObjectDatum) v).get(VALUE) : v;
            if (val != null) {
                val = dropLiterals(val);
            }
            if (val != null) {
                out.put(e.getKey(), val);
            } else {
                out.remove(e.getKey());
            }
        }
        if (out.get(ObjectDatum.REQL_TYPE) instanceof StringDatum type && LITERAL.equals(type.value())) {
            throw stray();
        }
        return ObjectDatum.wrap(out);
    }

    /** RethinkDB's error for a literal where none may be. */
    public static ReqlQueryLogicError stray() {
        return new ReqlQueryLogicError("Stray literal keyword found: literal is only legal inside of "
                + "the object passed to merge or update and cannot nest inside other literals.");
    }

    /** Replaces literals by their values (dropping valueless ones); Java null when {@code d} is one. */
    public static Datum dropLiterals(Datum d) {
        if (isLiteral(d)) {
            return ((ObjectDatum) d).get(VALUE);
        }
        if (d instanceof ObjectDatum o) {
            TreeMap<String, Datum> out = null;
            for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
                Datum v = dropLiterals(e.getValue());
                if (v != e.getValue()) {
                    if (out == null) {
                        out = o.toMutableMap();
                    }
                    if (v == null) {
                        out.remove(e.getKey());
                    } else {
                        out.put(e.getKey(), v);
                    }
                }
            }
            return out == null ? d : ObjectDatum.wrap(out);
        }
        if (d instanceof ArrayDatum a) {
            List<Datum> out = null;
            for (int i = 0; i < a.size(); i++) {
                Datum v = dropLiterals(a.get(i));
                if (v != a.get(i) && out == null) {
                    out = new ArrayList<>(a.items().subList(0, i));
                }
                if (out != null && v != null) {
                    out.add(v);
                }
            }
            return out == null ? d : ArrayDatum.wrap(out);
        }
        return d;
    }
}

package io.reqldb.query.terms.index;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.term.TermType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import static io.reqldb.query.terms.index.Layout.COMMA_BREAK;
import static io.reqldb.query.terms.index.Layout.COND_BREAK;
import static io.reqldb.query.terms.index.Layout.DOT_BREAK;
import static io.reqldb.query.terms.index.Layout.concat;
import static io.reqldb.query.terms.index.Layout.nc;
import static io.reqldb.query.terms.index.Layout.nest;
import static io.reqldb.query.terms.index.Layout.text;
import io.reqldb.query.terms.index.Layout.Doc;

/**
 * Prints a term as JavaScript the way RethinkDB 2.4 does for the {@code query} field of
 * {@code index_status} and write hooks: method chains ({@code var2("name").downcase()}),
 * {@code r.} prefixes for top-level functions, {@code r.expr(...)} around bare literals. Output is
 * the one-line layout RethinkDB's 80-column printer produces for terms that fit on a line.
 */
public final class JsPrinter {
    private static final int MAX_DEPTH = 15;
    /** The width RethinkDB prints functions to; {@code rethinkdb.jobs} prints queries to 89. */
    private static final int WIDTH = 80;
    private static final Doc LPAREN = text("(");
    private static final Doc RPAREN = text(")");
    private boolean inRExpr;
    private boolean prependOk = true;
    private int depth;

    private JsPrinter() {
    }

    static String print(RawTerm t) {
        return print(t, WIDTH);
    }

    /** The term as JavaScript, broken into lines of at most {@code width} columns where it must be. */
    public static String print(RawTerm t, int width) {
        return Layout.print(new JsPrinter().visit(t), width);
    }

    static String varName(long n) {
        return n < 0 ? "_var" + (-n) : "var" + n;
    }

    private Doc visit(RawTerm t) {
        boolean old = inRExpr;
        if (++depth > MAX_DEPTH) {
            depth--;
            return text("...");
        }
        Doc doc;
        TermType type = TermType.forNumber(t.type());
        if (type == null) {
            doc = text("...");
        } else {
            switch (type) {
                case DATUM -> doc = inRExpr ? datum(t.datum()) : rExpr(datum(t.datum()));
                case FUNCALL -> doc = t.args().size() == 2 ? dots(t) : topLevelFuncall(t);
                case MAKE_ARRAY -> {
                    inRExpr = true;
                    Doc a = array(t);
                    doc = old ? a : rExpr(a);
                }
                case MAKE_OBJ -> {
                    inRExpr = true;
                    doc = old ? naturalObject(t) : wrappedObject(t);
                }
                case FUNC -> doc = func(t);
                case VAR -> doc = text(varName((long) ((NumberDatum) t.args().get(0).datum()).value()));
                case IMPLICIT_VAR -> doc = rDot(text("row"));
                default -> doc = continuesString(t) ? dots(t) : usesParens(t) ? standardCall(t) : rDot(text(name(t)));
            }
        }
        inRExpr = old;
        depth--;
        return doc;
    }

    /** Items separated by ", " breaks. */
    private static List<Doc> commaSeparated(List<Doc> items) {
        List<Doc> out = new ArrayList<>();
        for (Doc d : items) {
            if (!out.isEmpty()) {
                out.add(COMMA_BREAK);
            }
            out.add(d);
        }
        return out;
    }

    private Doc array(RawTerm t) {
        boolean old = inRExpr;
        inRExpr = true;
        List<Doc> items = new ArrayList<>();
        for (RawTerm a : t.args()) {
            items.add(visit(a));
        }
        inRExpr = old;
        return concat(text("["), nest(concat(commaSeparated(items))), text("]"));
    }

    private Doc rDot(Doc doc) {
        return prependOk ? concat(text("r"), nc(text("."), doc)) : doc;
    }

    private static Doc parens(Doc doc) {
        return concat(LPAREN, nest(doc), RPAREN);
    }

    private Doc rExpr(Doc doc) {
        return rDot(concat(text("expr"), parens(doc)));
    }

    private Doc naturalObject(RawTerm t) {
        List<Doc> items = new ArrayList<>();
        for (Map.Entry<String, RawTerm> e : t.optargs().entrySet()) {
            items.add(nc(text("\"" + e.getKey() + "\":"), COND_BREAK, visit(e.getValue())));
        }
        return concat(text("{"), nest(concat(commaSeparated(items))), text("}"));
    }

    private Doc wrappedObject(RawTerm t) {
        List<Doc> items = new ArrayList<>();
        for (Map.Entry<String, RawTerm> e : t.optargs().entrySet()) {
            if (!items.isEmpty()) {
                items.add(COMMA_BREAK);
            }
            items.add(text("\"" + e.getKey() + "\""));
            items.add(COMMA_BREAK);
            items.add(visit(e.getValue()));
        }
        return rDot(concat(text("object"), parens(nest(concat(items)))));
    }

    private Doc renderOptargs(RawTerm t) {
        List<Doc> items = new ArrayList<>();
        for (Map.Entry<String, RawTerm> e : t.optargs().entrySet()) {
            items.add(nest(concat(text("\"" + camel(e.getKey()) + "\":"), COND_BREAK, visit(e.getValue()))));
        }
        return concat(text("{"), nest(concat(commaSeparated(items))), text("}"));
    }

    private Doc datum(Datum d) {
        switch (d.type()) {
            case MINVAL:
                return rDot(text("minval"));
            case MAXVAL:
                return rDot(text("maxval"));
            case NULL:
                return text("null");
            case BOOL:
                return text(((BoolDatum) d).value() ? "true" : "false");
            case NUMBER: {
                double v = ((NumberDatum) d).value();
                return text(Math.rint(v) == v && !Double.isInfinite(v)
                        ? Long.toString(Math.round(v)) : String.format(java.util.Locale.ROOT, "%f", v));
            }
            case BINARY:
                return concat(text("Buffer"), LPAREN, nc(text(java.util.Base64.getEncoder()
                        .encodeToString(((BinaryDatum) d).bytes())), COMMA_BREAK, text("'base64'")), RPAREN);
            case STRING:
                return text("\"" + ((StringDatum) d).value() + "\"");
            case ARRAY: {
                List<Doc> items = new ArrayList<>();
                for (Datum item : ((ArrayDatum) d).items()) {
                    items.add(datum(item));
                }
                return concat(text("["), nest(concat(commaSeparated(items))), text("]"));
            }
            default: {
                ObjectDatum o = DatumJson.asRawObject(d);
                List<Doc> parts = new ArrayList<>();
                parts.add(text("{"));
                boolean first = true;
                for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
                    if (!first) {
                        parts.add(COMMA_BREAK);
                    }
                    first = false;
                    parts.add(nc(text("\"" + e.getKey() + "\":"), COND_BREAK, datum(e.getValue())));
                }
                parts.add(text("}"));
                return nest(concat(parts));
            }
        }
    }

    /** A chain {@code a.b(x).c(y)}, built from the outermost call inwards as RethinkDB does. */
    private Doc dots(RawTerm t) {
        List<Doc> stack = new ArrayList<>();
        boolean[] flags = {false, false}; // last element is a dot; the chain needs "r."
        RawTerm var = t;
        while (var != null && continuesString(var)) {
            var = stringing(var, stack, flags);
        }
        if (var == null) {
            Doc chain = reversed(stack, false);
            return flags[1] ? rDot(chain) : chain;
        }
        if (usesRDot(var)) {
            boolean old = prependOk;
            prependOk = false;
            Doc sub = visit(var);
            prependOk = old;
            return rDot(concat(sub, reversed(stack, false)));
        }
        return nc(visit(var), reversed(stack, flags[0]));
    }

    /** The stack in reading order; a trailing breakable dot becomes a plain one. */
    private static Doc reversed(List<Doc> stack, boolean lastIsDot) {
        List<Doc> s = new ArrayList<>(stack);
        if (lastIsDot && !s.isEmpty()) {
            s.set(s.size() - 1, text("."));
        }
        java.util.Collections.reverse(s);
        return concat(s);
    }

    private RawTerm stringing(RawTerm var, List<Doc> stack, boolean[] flags) {
        boolean old = inRExpr;
        TermType type = TermType.forNumber(var.type());
        switch (type) {
            case BRACKET -> {
                stack.add(RPAREN);
                inRExpr = true;
                if (!var.optargs().isEmpty()) {
                    stack.add(renderOptargs(var));
                    stack.add(COND_BREAK);
                    stack.add(text(","));
                }
                stack.add(visit(var.args().get(1)));
                inRExpr = old;
                stack.add(LPAREN);
                flags[0] = false;
                flags[1] = false;
                return var.args().get(0);
            }
            case FUNCALL -> {
                stack.add(RPAREN);
                inRExpr = true;
                stack.add(nest(visit(var.args().get(0))));
                inRExpr = old;
                stack.add(LPAREN);
                stack.add(text("do"));
                stack.add(DOT_BREAK);
                flags[0] = true;
                flags[1] = true;
                return var.args().get(1);
            }
            case DATUM -> {
                inRExpr = true;
                stack.add(rExpr(datum(var.datum())));
                inRExpr = old;
                flags[0] = false;
                flags[1] = false;
                return null;
            }
            case MAKE_OBJ -> {
                inRExpr = true;
                stack.add(wrappedObject(var));
                inRExpr = old;
                flags[0] = false;
                flags[1] = false;
                return null;
            }
            case VAR -> {
                stack.add(text(varName((long) ((NumberDatum) var.args().get(0).datum()).value())));
                flags[0] = false;
                flags[1] = false;
                return null;
            }
            case IMPLICIT_VAR -> {
                stack.add(text("row"));
                flags[0] = false;
                flags[1] = true;
                return null;
            }
            default -> {
                stack.add(RPAREN);
                inRExpr = true;
                boolean trailingComma = false;
                if (!var.optargs().isEmpty()) {
                    stack.add(renderOptargs(var));
                    trailingComma = true;
                }
                int n = var.args().size();
                if (n == 0) {
                    inRExpr = old;
                    stack.add(LPAREN);
                    stack.add(text(name(var)));
                    flags[1] = usesRDot(var);
                    flags[0] = false;
                    return null;
                }
                if (n > 1) {
                    List<Doc> args = new ArrayList<>();
                    for (int i = n - 1; i > 0; i--) {
                        if (!args.isEmpty()) {
                            args.add(COMMA_BREAK);
                        }
                        args.add(visit(var.args().get(i)));
                    }
                    if (trailingComma) {
                        stack.add(COMMA_BREAK);
                    }
                    stack.add(nest(reversed(args, false)));
                }
                inRExpr = old;
                stack.add(LPAREN);
                stack.add(text(name(var)));
                stack.add(DOT_BREAK);
                flags[0] = true;
                flags[1] = usesRDot(var);
                return var.args().get(0);
            }
        }
    }

    private Doc topLevelFuncall(RawTerm t) {
        List<Doc> term = new ArrayList<>(List.of(text("do"), LPAREN));
        boolean old = inRExpr;
        inRExpr = true;
        List<Doc> args = new ArrayList<>();
        for (int i = 1; i < t.args().size(); i++) {
            if (!args.isEmpty()) {
                args.add(COMMA_BREAK);
            }
            args.add(visit(t.args().get(i)));
        }
        if (!args.isEmpty()) {
            args.add(COMMA_BREAK);
        }
        inRExpr = old;
        term.add(visit(t.args().get(0)));
        term.add(nest(concat(args)));
        term.add(RPAREN);
        return rDot(concat(term));
    }

    private Doc standardCall(RawTerm t) {
        boolean old = inRExpr;
        inRExpr = true;
        List<Doc> items = new ArrayList<>();
        for (RawTerm a : t.args()) {
            items.add(visit(a));
        }
        List<Doc> args = commaSeparated(items);
        if (!t.optargs().isEmpty()) {
            if (!args.isEmpty()) {
                args.add(COMMA_BREAK);
            }
            args.add(renderOptargs(t));
        }
        Doc call = concat(text(name(t)), parens(concat(args)));
        inRExpr = old;
        return usesRDot(t) ? rDot(call) : nest(call);
    }

    private Doc func(RawTerm t) {
        RawTerm vars = t.args().get(0);
        List<Doc> names = new ArrayList<>();
        if (vars.type() == TermType.MAKE_ARRAY.number()) {
            for (RawTerm v : vars.args()) {
                names.add(text(varName((long) ((NumberDatum) v.datum()).value())));
            }
        } else if (vars.datum() instanceof ArrayDatum a) {
            for (Datum v : a.items()) {
                names.add(text(varName((long) ((NumberDatum) v).value())));
            }
        }
        Doc arglist = concat(LPAREN, nest(concat(commaSeparated(names))), RPAREN);
        boolean old = inRExpr;
        inRExpr = false;
        Doc body = concat(text("return"), text(" "), nest(visit(t.args().get(1))), text(";"));
        inRExpr = old;
        return nc(text("func"), nc(text("tion"), text(" "), arglist, text(" "), text("{"), new Layout.Break(), body),
                new Layout.Break(), text("}"));
    }

    private static String name(RawTerm t) {
        TermType type = TermType.forNumber(t.type());
        return type == TermType.JAVASCRIPT ? "js" : camel(type.name());
    }

    private static String camel(String s) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '_') {
                i++;
                if (i == s.length()) {
                    out.append('_');
                    break;
                }
                out.append(Character.toUpperCase(s.charAt(i)));
            } else {
                out.append(Character.toLowerCase(c));
            }
        }
        return out.toString();
    }

    private static boolean usesRDot(RawTerm t) {
        return t.type() != TermType.VAR.number() && t.type() != TermType.DATUM.number();
    }

    private static boolean usesParens(RawTerm t) {
        if (!t.args().isEmpty()) {
            return true;
        }
        TermType type = TermType.forNumber(t.type());
        return switch (type) {
            case MINVAL, MAXVAL, IMPLICIT_VAR, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY, SUNDAY,
                    JANUARY, FEBRUARY, MARCH, APRIL, MAY, JUNE, JULY, AUGUST, SEPTEMBER, OCTOBER, NOVEMBER,
                    DECEMBER -> false;
            default -> true;
        };
    }

    private static boolean continuesString(RawTerm t) {
        TermType type = TermType.forNumber(t.type());
        if (type == null) {
            return false;
        }
        return switch (type) {
            case ERROR, UUID, HTTP, DB, EQ, NE, LT, LE, GT, GE, NOT, ADD, SUB, MUL, DIV, MOD, BIT_AND, BIT_OR,
                    BIT_XOR, BIT_NOT, BIT_SAL, BIT_SAR, OBJECT, RANGE, DB_CREATE, DB_DROP, DB_LIST, BRANCH, OR, AND,
                    JSON, ISO8601, EPOCH_TIME, NOW, TIME, MONDAY, TUESDAY, WEDNESDAY, THURSDAY, FRIDAY, SATURDAY,
                    SUNDAY, JANUARY, FEBRUARY, MARCH, APRIL, MAY, JUNE, JULY, AUGUST, SEPTEMBER, OCTOBER, NOVEMBER,
                    DECEMBER, LITERAL, RANDOM, GEOJSON, POINT, LINE, POLYGON, CIRCLE, DATUM, VAR, MAKE_ARRAY,
                    MAKE_OBJ, ARGS, JAVASCRIPT, ASC, DESC, MINVAL, MAXVAL -> false;
            case TABLE, FUNCALL -> t.args().size() == 2;
            default -> true;
        };
    }
}

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

/**
 * Prints a term as JavaScript the way RethinkDB 2.4 does for the {@code query} field of
 * {@code index_status} and write hooks: method chains ({@code var2("name").downcase()}),
 * {@code r.} prefixes for top-level functions, {@code r.expr(...)} around bare literals. Output is
 * the one-line layout RethinkDB's 80-column printer produces for terms that fit on a line.
 */
final class JsPrinter {
    private static final int MAX_DEPTH = 15;
    private boolean inRExpr;
    private boolean prependOk = true;
    private int depth;

    private JsPrinter() {
    }

    static String print(RawTerm t) {
        return new JsPrinter().visit(t);
    }

    static String varName(long n) {
        return n < 0 ? "_var" + (-n) : "var" + n;
    }

    private String visit(RawTerm t) {
        boolean old = inRExpr;
        if (++depth > MAX_DEPTH) {
            depth--;
            return "...";
        }
        String doc;
        TermType type = TermType.forNumber(t.type());
        if (type == null) {
            doc = "...";
        } else {
            switch (type) {
                case DATUM -> doc = inRExpr ? datum(t.datum()) : rExpr(datum(t.datum()));
                case FUNCALL -> doc = t.args().size() == 2 ? dots(t) : topLevelFuncall(t);
                case MAKE_ARRAY -> {
                    inRExpr = true;
                    String a = "[" + joinVisited(t.args()) + "]";
                    doc = old ? a : rExpr(a);
                }
                case MAKE_OBJ -> {
                    inRExpr = true;
                    doc = old ? naturalObject(t) : wrappedObject(t);
                }
                case FUNC -> doc = func(t);
                case VAR -> doc = varName((long) ((NumberDatum) t.args().get(0).datum()).value());
                case IMPLICIT_VAR -> doc = rDot("row");
                default -> doc = continuesString(t) ? dots(t) : usesParens(t) ? standardCall(t) : rDot(name(t));
            }
        }
        inRExpr = old;
        depth--;
        return doc;
    }

    private String joinVisited(List<RawTerm> items) {
        List<String> out = new ArrayList<>();
        for (RawTerm i : items) {
            out.add(visit(i));
        }
        return String.join(", ", out);
    }

    private String rDot(String doc) {
        return prependOk ? "r." + doc : doc;
    }

    private String rExpr(String doc) {
        return rDot("expr(" + doc + ")");
    }

    private String naturalObject(RawTerm t) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, RawTerm> e : t.optargs().entrySet()) {
            out.add("\"" + e.getKey() + "\": " + visit(e.getValue()));
        }
        return "{" + String.join(", ", out) + "}";
    }

    private String wrappedObject(RawTerm t) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, RawTerm> e : t.optargs().entrySet()) {
            out.add("\"" + e.getKey() + "\"");
            out.add(visit(e.getValue()));
        }
        return rDot("object(" + String.join(", ", out) + ")");
    }

    private String renderOptargs(RawTerm t) {
        List<String> out = new ArrayList<>();
        for (Map.Entry<String, RawTerm> e : t.optargs().entrySet()) {
            out.add("\"" + camel(e.getKey()) + "\": " + visit(e.getValue()));
        }
        return "{" + String.join(", ", out) + "}";
    }

    private String datum(Datum d) {
        switch (d.type()) {
            case MINVAL:
                return rDot("minval");
            case MAXVAL:
                return rDot("maxval");
            case NULL:
                return "null";
            case BOOL:
                return ((BoolDatum) d).value() ? "true" : "false";
            case NUMBER: {
                double v = ((NumberDatum) d).value();
                return Math.rint(v) == v && !Double.isInfinite(v)
                        ? Long.toString(Math.round(v)) : String.format(java.util.Locale.ROOT, "%f", v);
            }
            case BINARY:
                return "Buffer(" + java.util.Base64.getEncoder().encodeToString(((BinaryDatum) d).bytes())
                        + ", 'base64')";
            case STRING:
                return "\"" + ((StringDatum) d).value() + "\"";
            case ARRAY: {
                List<String> out = new ArrayList<>();
                for (Datum item : ((ArrayDatum) d).items()) {
                    out.add(datum(item));
                }
                return "[" + String.join(", ", out) + "]";
            }
            default: {
                ObjectDatum o = DatumJson.asRawObject(d);
                List<String> out = new ArrayList<>();
                for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
                    out.add("\"" + e.getKey() + "\": " + datum(e.getValue()));
                }
                return "{" + String.join(", ", out) + "}";
            }
        }
    }

    /** A chain {@code a.b(x).c(y)}, built from the outermost call inwards as RethinkDB does. */
    private String dots(RawTerm t) {
        List<String> stack = new ArrayList<>();
        boolean[] wrap = {false};
        RawTerm var = t;
        while (var != null && continuesString(var)) {
            var = stringing(var, stack, wrap);
        }
        String chain = reversed(stack);
        if (var == null) {
            return wrap[0] ? rDot(chain) : chain;
        }
        if (usesRDot(var)) {
            boolean old = prependOk;
            prependOk = false;
            String sub = visit(var);
            prependOk = old;
            return rDot(sub + chain);
        }
        return visit(var) + chain;
    }

    private static String reversed(List<String> stack) {
        StringBuilder s = new StringBuilder();
        for (int i = stack.size() - 1; i >= 0; i--) {
            s.append(stack.get(i));
        }
        return s.toString();
    }

    private RawTerm stringing(RawTerm var, List<String> stack, boolean[] wrap) {
        boolean old = inRExpr;
        TermType type = TermType.forNumber(var.type());
        switch (type) {
            case BRACKET -> {
                stack.add(")");
                inRExpr = true;
                if (!var.optargs().isEmpty()) {
                    stack.add(renderOptargs(var));
                    stack.add(", ");
                }
                stack.add(visit(var.args().get(1)));
                inRExpr = old;
                stack.add("(");
                wrap[0] = false;
                return var.args().get(0);
            }
            case FUNCALL -> {
                stack.add(")");
                inRExpr = true;
                stack.add(visit(var.args().get(0)));
                inRExpr = old;
                stack.add("(");
                stack.add("do");
                stack.add(".");
                wrap[0] = true;
                return var.args().get(1);
            }
            case DATUM -> {
                inRExpr = true;
                stack.add(rExpr(datum(var.datum())));
                inRExpr = old;
                wrap[0] = false;
                return null;
            }
            case MAKE_OBJ -> {
                inRExpr = true;
                stack.add(wrappedObject(var));
                inRExpr = old;
                wrap[0] = false;
                return null;
            }
            case VAR -> {
                stack.add(varName((long) ((NumberDatum) var.args().get(0).datum()).value()));
                wrap[0] = false;
                return null;
            }
            case IMPLICIT_VAR -> {
                stack.add("row");
                wrap[0] = true;
                return null;
            }
            default -> {
                stack.add(")");
                inRExpr = true;
                boolean trailingComma = false;
                if (!var.optargs().isEmpty()) {
                    stack.add(renderOptargs(var));
                    trailingComma = true;
                }
                int n = var.args().size();
                if (n == 0) {
                    inRExpr = old;
                    stack.add("(");
                    stack.add(name(var));
                    wrap[0] = usesRDot(var);
                    return null;
                }
                if (n > 1) {
                    if (trailingComma) {
                        stack.add(", ");
                    }
                    stack.add(joinVisited(var.args().subList(1, n)));
                }
                inRExpr = old;
                stack.add("(");
                stack.add(name(var));
                stack.add(".");
                wrap[0] = usesRDot(var);
                return var.args().get(0);
            }
        }
    }

    private String topLevelFuncall(RawTerm t) {
        boolean old = inRExpr;
        inRExpr = true;
        StringBuilder args = new StringBuilder();
        for (int i = 1; i < t.args().size(); i++) {
            args.append(visit(t.args().get(i))).append(", ");
        }
        inRExpr = old;
        return rDot("do(" + visit(t.args().get(0)) + args + ")");
    }

    private String standardCall(RawTerm t) {
        boolean old = inRExpr;
        inRExpr = true;
        String args = joinVisited(t.args());
        if (!t.optargs().isEmpty()) {
            args = args.isEmpty() ? renderOptargs(t) : args + ", " + renderOptargs(t);
        }
        inRExpr = old;
        String call = name(t) + "(" + args + ")";
        return usesRDot(t) ? rDot(call) : call;
    }

    private String func(RawTerm t) {
        RawTerm vars = t.args().get(0);
        List<String> names = new ArrayList<>();
        if (vars.type() == TermType.MAKE_ARRAY.number()) {
            for (RawTerm v : vars.args()) {
                names.add(varName((long) ((NumberDatum) v.datum()).value()));
            }
        } else if (vars.datum() instanceof ArrayDatum a) {
            for (Datum v : a.items()) {
                names.add(varName((long) ((NumberDatum) v).value()));
            }
        }
        boolean old = inRExpr;
        inRExpr = false;
        String body = visit(t.args().get(1));
        inRExpr = old;
        return "function (" + String.join(", ", names) + ") { return " + body + "; }";
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

package io.reqldb.query.term;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlCompileError;
import io.reqldb.query.error.ReqlError;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Turns a query's wire form into {@link Term}s, checking what RethinkDB checks before running
 * anything: term numbers, argument counts, optarg names, variable visibility and r.row placement.
 * Its errors are compile errors.
 */
public final class TermCompiler {
    private static final Term[] NO_ARGS = new Term[0];

    private final TermRegistry registry;

    public TermCompiler(TermRegistry registry) {
        this.registry = registry;
    }

    /**
     * Compiles a whole query. Each term learns its position in the query, so that errors raised
     * inside a function body, wherever the body runs, report RethinkDB's frames.
     */
    public Term compileQuery(Datum raw) {
        return compile(raw, new Visibility(Set.of(), 0, true, null, null, new ArrayDeque<>()));
    }

    /** Compiles a term that is not a client's query (stored index functions, write hooks, optargs). */
    public Term compile(Datum raw) {
        return compile(raw, new Visibility(Set.of(), 0, true, null, null, null));
    }

    /**
     * Variables in scope while compiling, how many one-argument functions enclose us, and whether
     * writes are still legal here (not inside a stream operation's function arguments).
     */
    private record Visibility(Set<Integer> vars, int implicitDepth, boolean writesLegal, TermType parent,
                              TermType grandparent, Deque<Object> path) {
        Visibility withParams(int[] params) {
            Set<Integer> more = new HashSet<>(vars);
            for (int p : params) {
                more.add(p);
            }
            boolean emitsImplicit = params.length == 1 && params[0] >= 0;
            return new Visibility(more, implicitDepth + (emitsImplicit ? 1 : 0), writesLegal, TermType.FUNC, parent, path);
        }

        /** The same, recording no path: for compiling later, when the path has moved on. */
        Visibility withoutPath() {
            return new Visibility(vars, implicitDepth, writesLegal, parent, grandparent, null);
        }

        Visibility noWrites() {
            return writesLegal ? new Visibility(vars, implicitDepth, false, parent, grandparent, path) : this;
        }

        /** The visibility inside a term of type {@code type} (for checks on where a term may appear). */
        Visibility under(TermType type) {
            return new Visibility(vars, implicitDepth, writesLegal, type, parent, path);
        }
    }

    private Term compile(Datum raw, Visibility vis) {
        Term compiled = compileAny(raw, vis);
        if (vis.path() != null) {
            compiled.setPath(List.copyOf(vis.path()));
        }
        return compiled;
    }

    private Term compileAny(Datum raw, Visibility vis) {
        if (raw instanceof ArrayDatum term) {
            return compileTerm(term, vis);
        }
        if (raw instanceof ObjectDatum obj) {
            // Pseudo-type objects too: their values may be terms ({"$reql_type$": "GEOMETRY",
            // "coordinates": [2, [...]]}), and evaluating them validates the result.
            return compileObject(obj, vis);
        }
        return new DatumTerm(raw);
    }

    /**
     * An object literal: its values are terms (MAKE_OBJ); all-literal objects stay literals, and
     * plain data (a document to insert) is taken as it was parsed ({@link PrebuiltTerm}).
     */
    private Term compileObject(ObjectDatum obj, Visibility outer) {
        Visibility later = outer.withoutPath();
        Term plain = PrebuiltTerm.of(obj, () -> compileFields(obj, later));
        return plain != null ? plain : compileFields(obj, outer);
    }

    private Term compileFields(ObjectDatum obj, Visibility outer) {
        Visibility vis = outer.under(TermType.MAKE_OBJ);
        Map<String, Term> fields = new LinkedHashMap<>();
        boolean constant = true;
        for (Map.Entry<String, Datum> e : obj.fields().entrySet()) {
            Term t = frame(vis, e.getKey(), () -> compile(e.getValue(), vis));
            constant &= t.isConstant();
            fields.put(e.getKey(), t);
        }
        MakeObjectTerm made = new MakeObjectTerm(fields);
        if (constant) {
            // Built now, once; an object that is not a value (a malformed pseudo-type) stays a
            // term and fails when evaluated, as in RethinkDB, where the error is a runtime one.
            try {
                return new DatumTerm(made.constantValue());
            } catch (ReqlError notAValue) {
                return made;
            }
        }
        return made;
    }

    private Term compileTerm(ArrayDatum term, Visibility vis) {
        List<Datum> parts = term.items();
        if (parts.isEmpty() || parts.size() > 3) {
            throw new ReqlCompileError("Expected between 1 and 3 elements in a raw term, but found "
                    + parts.size() + ".");
        }
        if (!(parts.get(0) instanceof NumberDatum num)) {
            throw new ReqlCompileError("Expected a TermType as a NUMBER but found "
                    + jsonTypeName(parts.get(0)) + ".");
        }
        TermType type = TermType.forNumber((int) num.value());
        if (type == null || num.value() != Math.rint(num.value())) {
            throw new ReqlCompileError("Unrecognized TermType: " + (int) num.value() + ".");
        }
        ArrayDatum rawArgs = ArrayDatum.EMPTY;
        ObjectDatum rawOptargs = ObjectDatum.EMPTY;
        if (parts.size() >= 2) {
            Datum second = parts.get(1);
            if (second instanceof ArrayDatum a) {
                rawArgs = a;
            } else if (asObject(second) != null && type != TermType.DATUM) {
                rawOptargs = asObject(second);
            } else if (type != TermType.DATUM) {
                throw new ReqlCompileError("Second element in a Term is neither arguments nor optional arguments.");
            }
        }
        if (parts.size() == 3) {
            ObjectDatum third = asObject(parts.get(2));
            if (third == null) {
                throw new ReqlCompileError("Third element in a Term is not optional arguments.");
            }
            rawOptargs = third;
        }
        switch (type) {
            case MAKE_OBJ:
                return compileObject(rawOptargs, vis);
            case DATUM:
                return new DatumTerm(parts.size() >= 2 ? parts.get(1) : io.reqldb.datum.NullDatum.INSTANCE);
            case FUNC:
                return compileFunc(rawArgs, rawOptargs, vis, term);
            case VAR:
                return compileVar(rawArgs, vis);
            case IMPLICIT_VAR:
                if (vis.implicitDepth() != 1) {
                    throw new ReqlCompileError(vis.implicitDepth() == 0
                            ? "r.row is not defined in this context."
                            : "Cannot use r.row in nested queries.  Use functions instead.");
                }
                return new ImplicitVarTerm();
            default:
                break;
        }
        if (!vis.writesLegal() && WritePlacement.isWriteOrMeta(type)) {
            throw new ReqlCompileError("Cannot nest writes or meta ops in stream operations.  Use FOR_EACH instead.");
        }
        TermSpec spec = registry.spec(type);
        if (spec == null) {
            throw new ReqlCompileError("Unrecognized TermType: " + type.number() + ".");
        }
        if ((type == TermType.ASC || type == TermType.DESC) && !(vis.parent() == TermType.ORDER_BY
                || vis.parent() == TermType.UNION
                || (vis.parent() == TermType.MAKE_ARRAY && vis.grandparent() == TermType.UNION))) {
            throw new ReqlCompileError(type.name() + " may only be used as an argument to ORDER_BY or UNION.");
        }
        Visibility here = vis.under(type);
        Visibility later = WritePlacement.forbidsWrites(type) ? here.noWrites() : here;
        Term[] args = rawArgs.size() == 0 ? NO_ARGS : new Term[rawArgs.size()];
        boolean hasArgsTerm = false;
        for (int i = 0; i < args.length; i++) {
            Datum a = rawArgs.get(i);
            int index = i;
            Visibility argVis = i == 0 ? here : later;
            args[i] = frame(here, index, () -> compile(a, argVis));
            hasArgsTerm |= args[i].type() == TermType.ARGS;
        }
        Map<String, Term> optargs = rawOptargs.size() == 0 ? Map.of() : new LinkedHashMap<>();
        for (Map.Entry<String, Datum> e : rawOptargs.fields().entrySet()) {
            if (!spec.optargs().contains(e.getKey())) {
                throw new ReqlCompileError("Unrecognized optional argument `" + e.getKey() + "`.");
            }
            optargs.put(e.getKey(), frame(here, e.getKey(), () -> compile(e.getValue(), later)));
        }
        io.reqldb.query.terms.datum.Literals.allowInArgs(type, args);
        if (hasArgsTerm) {
            return new ArgsExpandingTerm(spec, args, optargs);
        }
        if (!spec.acceptsCount(args.length)) {
            throw new ReqlCompileError("Expected " + spec.describeArity() + " but found " + args.length + ".");
        }
        Term built = spec.factory().create(type, args, optargs);
        return spec.groupable() && args.length > 0 ? new GroupAwareTerm(built) : built;
    }

    private Term compileFunc(ArrayDatum rawArgs, ObjectDatum rawOptargs, Visibility vis, ArrayDatum source) {
        if (rawOptargs.size() != 0) {
            throw new ReqlCompileError("FUNC takes no optional arguments.");
        }
        if (rawArgs.size() != 2) {
            throw new ReqlCompileError("FUNC takes exactly two arguments (got " + rawArgs.size() + ")");
        }
        int[] params = funcParams(rawArgs.get(0));
        Visibility inner = vis.withParams(params);
        Term body = frame(inner, 1, () -> compile(rawArgs.get(1), inner));
        return new FuncTerm(params, body, source);
    }

    private static int[] funcParams(Datum vars) {
        List<Datum> items;
        if (vars instanceof ArrayDatum a && !a.items().isEmpty() && a.get(0) instanceof NumberDatum n
                && n.value() == TermType.MAKE_ARRAY.number() && a.size() >= 1 && a.size() <= 2) {
            items = a.size() == 2 && a.get(1) instanceof ArrayDatum list ? list.items() : List.of();
        } else if (vars instanceof ArrayDatum a && a.size() == 2 && a.get(0) instanceof NumberDatum n
                && n.value() == TermType.DATUM.number() && a.get(1) instanceof ArrayDatum list) {
            items = list.items();
        } else {
            throw new ReqlCompileError("CLIENT ERROR: FUNC variables must be a *literal array of numbers*.");
        }
        int[] params = new int[items.size()];
        for (int i = 0; i < params.length; i++) {
            if (!(items.get(i) instanceof NumberDatum n)) {
                throw new ReqlCompileError("CLIENT ERROR: FUNC variables must be a literal array of *numbers*.");
            }
            params[i] = (int) n.value();
        }
        return params;
    }

    private static Term compileVar(ArrayDatum rawArgs, Visibility vis) {
        if (rawArgs.size() != 1) {
            throw new ReqlCompileError("A variable term has the wrong number of arguments.");
        }
        Datum name = rawArgs.get(0);
        // The name may come bare (1) or as an explicit DATUM term ([1, 1]); RethinkDB reads both.
        if (name instanceof ArrayDatum wrapped && wrapped.size() == 2 && wrapped.get(0) instanceof NumberDatum tag
                && tag.value() == TermType.DATUM.number()) {
            name = wrapped.get(1);
        } else if (name instanceof ArrayDatum) {
            throw new ReqlCompileError("A variable term has a non-datum argument.");
        }
        if (!(name instanceof NumberDatum n)) {
            throw new ReqlCompileError("A variable term has a non-numeric name datum.");
        }
        int id = (int) n.value();
        if (!vis.vars().contains(id)) {
            throw new ReqlCompileError("Variable name not found.");
        }
        return new VarTerm(id);
    }

    /**
     * The JSON object a wire value was, or null when it was not an object. TIME and BINARY
     * objects were already turned into their classes by the JSON reader; drivers also send them as
     * MAKE_OBJ optargs ({@code [3, [], {"$reql_type$": "TIME", ...}]}), so they turn back here,
     * and wherever else a term in wire form is read (stored functions).
     */
    public static ObjectDatum asObject(Datum d) {
        if (d instanceof ObjectDatum o) {
            return o;
        }
        if (d instanceof io.reqldb.datum.TimeDatum || d instanceof io.reqldb.datum.BinaryDatum) {
            return io.reqldb.datum.DatumJson.asRawObject(d);
        }
        return null;
    }

    private static String jsonTypeName(Datum d) {
        return switch (d.type()) {
            case NULL -> "NULL";
            case BOOL -> "BOOL";
            case STRING -> "STRING";
            case ARRAY -> "ARRAY";
            default -> "OBJECT";
        };
    }

    /** Compiles a part of a term at position {@code frame} (an argument index or optarg name). */
    private static Term frame(Visibility vis, Object frame, java.util.function.Supplier<Term> body) {
        if (vis.path() != null) {
            vis.path().addLast(frame);
        }
        try {
            return body.get();
        } catch (ReqlError e) {
            throw frame instanceof Integer i ? e.addFrame(i) : e.addFrame((String) frame);
        } finally {
            if (vis.path() != null) {
                vis.path().removeLast();
            }
        }
    }
}

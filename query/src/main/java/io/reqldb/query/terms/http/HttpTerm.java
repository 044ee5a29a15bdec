package io.reqldb.query.terms.http;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.ReconstructableDouble;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.terms.geo.GeoJson;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/** {@code r.http}: reads the optargs with RethinkDB's checks and messages, then fetches. */
public final class HttpTerm {
    private HttpTerm() {
    }

    public static Object eval(Term t, Env env) {
        HttpOptions o = new HttpOptions();
        o.url = t.stringArg(env, 0);
        timeout(t, env, o);
        if (t.hasOptarg(env, "attempts")) {
            o.attempts = nonNegative(t, env, "attempts");
        }
        if (t.hasOptarg(env, "redirects")) {
            o.maxRedirects = nonNegative(t, env, "redirects");
        }
        o.verify = t.optargBool(env, "verify", true);
        o.access = env.context().httpAccess();
        o.arrayLimit = env.context().arrayLimit();
        resultFormat(t, env, o);
        method(t, env, o);
        auth(t, env, o);
        if (t.hasOptarg(env, "params")) {
            Datum p = t.optargDatum(env, "params");
            t.inOptarg("params", () -> checkParams(p));
            o.params = (ObjectDatum) p;
        }
        headers(t, env, o);
        data(t, env, o);
        FuncValue page = null;
        long pageLimit = 0;
        if (t.hasOptarg(env, "page")) {
            if (!t.hasOptarg(env, "page_limit")) {
                throw new ReqlQueryLogicError("Cannot use `page` without specifying `page_limit` (a positive number "
                        + "performs that many requests, -1 is unlimited).").addFrame("page");
            }
            page = pageFunction(t, env);
            pageLimit = t.inOptarg("page_limit", () -> Values.toLong(t.optargDatum(env, "page_limit")));
            if (pageLimit < -1) {
                throw new ReqlQueryLogicError("`page_limit` should be greater than or equal to -1.")
                        .addFrame("page_limit");
            }
        }
        if (page != null) {
            return new Pages(o, page, pageLimit);
        }
        return HttpFetcher.fetch(o).body();
    }

    /** A number in a URL or form: as RethinkDB prints it ({@code %.20g}). */
    static String printNumber(double d) {
        return ReconstructableDouble.format(d);
    }

    private static void timeout(Term t, Env env, HttpOptions o) {
        Datum d = t.optargDatum(env, "timeout");
        if (d == null) {
            return;
        }
        double seconds = t.inOptarg("timeout", () -> Values.toNumber(d));
        if (seconds < 0) {
            throw new ReqlQueryLogicError("`timeout` may not be negative.").addFrame("timeout");
        }
        o.timeoutMs = seconds > Long.MAX_VALUE / 1000.0 ? Long.MAX_VALUE / 2 : (long) (seconds * 1000);
    }

    private static long nonNegative(Term t, Env env, String name) {
        return t.inOptarg(name, () -> {
            long v = Values.toLong(t.optargDatum(env, name));
            if (v < 0) {
                throw new ReqlQueryLogicError("Integer too small: " + v);
            }
            return v;
        });
    }

    private static void resultFormat(Term t, Env env, HttpOptions o) {
        String f = t.optargString(env, "result_format", "auto");
        switch (f) {
            case "auto", "json", "jsonp", "text", "binary" -> o.resultFormat = f;
            default -> throw new ReqlQueryLogicError("`result_format` (" + f + ") is not recognized, ('auto', 'json', "
                    + "'jsonp', 'text', and 'binary' are allowed).").addFrame("result_format");
        }
    }

    private static void method(Term t, Env env, HttpOptions o) {
        String m = t.optargString(env, "method", "GET");
        switch (m) {
            case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE" -> o.method = m;
            default -> throw new ReqlQueryLogicError("`method` (" + m + ") is not recognized (GET, HEAD, POST, PUT, "
                    + "PATCH and DELETE are allowed).").addFrame("method");
        }
    }

    private static void auth(Term t, Env env, HttpOptions o) {
        Datum d = t.optargDatum(env, "auth");
        if (d == null) {
            return;
        }
        t.inOptarg("auth", () -> {
            if (!(d instanceof ObjectDatum a) || d.type() != DatumType.OBJECT) {
                throw new ReqlQueryLogicError("Expected `auth` to be an OBJECT, but found " + d.typeName() + ".");
            }
            String type = "basic";
            Datum typeDatum = a.get("type");
            if (typeDatum != null) {
                if (!(typeDatum instanceof StringDatum s)) {
                    throw new ReqlQueryLogicError("Expected `auth.type` to be a STRING, but found "
                            + typeDatum.typeName() + ".");
                }
                type = s.value();
            }
            o.authUser = authItem(a, "user");
            o.authPass = authItem(a, "pass");
            if (!type.equals("basic") && !type.equals("digest")) {
                throw new ReqlQueryLogicError("`auth.type` is not recognized ('basic', and 'digest' are allowed).");
            }
            return null;
        });
    }

    private static String authItem(ObjectDatum a, String name) {
        Datum v = a.get(name);
        if (v == null) {
            throw new ReqlQueryLogicError("`auth." + name + "` not found in the auth object.");
        }
        if (!(v instanceof StringDatum s)) {
            throw new ReqlQueryLogicError("Expected `auth." + name + "` to be a STRING, but found " + v.typeName() + ".");
        }
        return s.value();
    }

    static Void checkParams(Datum p) {
        if (!(p instanceof ObjectDatum o) || p.type() != DatumType.OBJECT) {
            throw new ReqlQueryLogicError("Expected `params` to be an OBJECT, but found " + p.typeName() + ":\n"
                    + io.reqldb.datum.DatumPrinter.print(p));
        }
        for (Map.Entry<String, Datum> e : o.fields().entrySet()) {
            DatumType type = e.getValue().type();
            if (type != DatumType.NUMBER && type != DatumType.STRING && type != DatumType.NULL) {
                throw new ReqlQueryLogicError("Expected `params." + e.getKey() + "` to be a NUMBER, STRING or NULL, "
                        + "but found " + e.getValue().typeName() + ":\n" + io.reqldb.datum.DatumPrinter.print(p));
            }
        }
        return null;
    }

    private static void headers(Term t, Env env, HttpOptions o) {
        Datum d = t.optargDatum(env, "header");
        if (d == null) {
            return;
        }
        t.inOptarg("header", () -> {
            if (d instanceof ObjectDatum obj && d.type() == DatumType.OBJECT) {
                for (Map.Entry<String, Datum> e : obj.fields().entrySet()) {
                    Datum v = e.getValue();
                    String line;
                    if (v instanceof StringDatum s) {
                        line = e.getKey() + ": " + s.value();
                    } else if (v == NullDatum.INSTANCE) {
                        line = e.getKey() + ":";
                    } else {
                        throw new ReqlQueryLogicError("Expected `header." + e.getKey()
                                + "` to be a STRING or NULL, but found " + v.typeName() + ".");
                    }
                    o.headers.add(checkNewlines(line));
                }
            } else if (d instanceof ArrayDatum a) {
                for (int i = 0; i < a.items().size(); i++) {
                    if (!(a.items().get(i) instanceof StringDatum s)) {
                        throw new ReqlQueryLogicError("Expected `header[" + i + "]` to be a STRING, but found "
                                + a.items().get(i).typeName() + ".");
                    }
                    o.headers.add(checkNewlines(s.value()));
                }
            } else {
                throw new ReqlQueryLogicError("Expected `header` to be an ARRAY or OBJECT, but found "
                        + d.typeName() + ".");
            }
            return null;
        });
        o.headers.removeIf(h -> h.indexOf(':') < 0);
    }

    private static String checkNewlines(String s) {
        if (s.indexOf('\r') >= 0 || s.indexOf('\n') >= 0) {
            throw new ReqlQueryLogicError("A `header` item contains newline characters.");
        }
        return s;
    }

    private static void data(Term t, Env env, HttpOptions o) {
        Datum d = t.optargDatum(env, "data");
        if (d == null) {
            return;
        }
        switch (o.method) {
            case "PUT", "PATCH", "DELETE" -> {
                if (d instanceof StringDatum s) {
                    o.data = s.value();
                } else {
                    o.headers.add("Content-Type: application/json");
                    o.data = DatumJson.write(d);
                }
            }
            case "POST" -> {
                if (d instanceof StringDatum s) {
                    o.data = s.value();
                } else if (d instanceof ObjectDatum obj && d.type() == DatumType.OBJECT) {
                    Map<String, String> form = new LinkedHashMap<>();
                    for (Map.Entry<String, Datum> e : obj.fields().entrySet()) {
                        Datum v = e.getValue();
                        if (v instanceof StringDatum s) {
                            form.put(e.getKey(), s.value());
                        } else if (v instanceof NumberDatum n) {
                            form.put(e.getKey(), printNumber(n.value()));
                        } else if (v == NullDatum.INSTANCE) {
                            form.put(e.getKey(), "");
                        } else {
                            throw new ReqlQueryLogicError("Expected `data." + e.getKey()
                                    + "` to be a NUMBER, STRING or NULL, but found " + v.typeName() + ".")
                                    .addFrame("data");
                        }
                    }
                    o.form = form;
                } else {
                    throw new ReqlQueryLogicError("Expected `data` to be a STRING or OBJECT, but found "
                            + d.typeName() + ".").addFrame("data");
                }
            }
            default -> throw new ReqlQueryLogicError("`data` should only be specified on a PUT, POST, PATCH, or "
                    + "DELETE request.  If you want URL parameters, use `params` instead.");
        }
    }

    /** The {@code page} optarg: a function, or the shortcut "link-next". */
    private static FuncValue pageFunction(Term t, Env env) {
        Object v = t.optarg(env, "page");
        if (v instanceof StringDatum s) {
            if (!s.value().equals("link-next")) {
                throw new ReqlQueryLogicError("`page` method '" + s.value()
                        + "' not recognized, only 'link-next' is available.").addFrame("page");
            }
            return FuncValue.ofNative(args -> {
                Datum header = ((ObjectDatum) args[0]).get("header");
                Datum link = header instanceof ObjectDatum h ? h.get("link") : null;
                Datum next = link instanceof ObjectDatum l ? l.get("rel=\"next\"") : null;
                return next == null ? NullDatum.INSTANCE : next;
            });
        }
        return t.inOptarg("page", () -> Values.toFunc(v));
    }

    /** A depaginated fetch: each page's body (its elements when an array), until {@code page} says stop. */
    private static final class Pages extends Sequence {
        private final HttpOptions o;
        private final FuncValue page;
        private long limit;
        private boolean more = true;
        private final Deque<Datum> buffer = new ArrayDeque<>();

        Pages(HttpOptions o, FuncValue page, long limit) {
            this.o = o;
            this.page = page;
            this.limit = limit;
        }

        @Override
        public Datum next() {
            while (buffer.isEmpty() && more) {
                HttpFetcher.Result r = HttpFetcher.fetch(o);
                more = advance(r);
                if (r.body() instanceof ArrayDatum a) {
                    buffer.addAll(a.items());
                } else {
                    buffer.add(r.body());
                }
            }
            return buffer.poll();
        }

        private boolean advance(HttpFetcher.Result r) {
            if (limit > 0) {
                limit--;
            }
            if (limit == 0) {
                return false;
            }
            TreeMap<String, Datum> arg = ObjectDatum.newFieldMap();
            arg.put("params", o.params);
            arg.put("header", r.header());
            arg.put("body", r.body());
            ObjectDatum argument = ObjectDatum.wrap(arg);
            Datum next;
            try {
                next = page.call(argument);
            } catch (ReqlError e) {
                throw new ReqlQueryLogicError("Error in HTTP " + o.method + " of `" + o.url + "`: " + e.getMessage()
                        + ".\nError occurred during `page` called with:\n"
                        + io.reqldb.datum.DatumPrinter.print(argument) + "\n");
            }
            if (next == NullDatum.INSTANCE) {
                return false;
            }
            if (next instanceof StringDatum s) {
                o.url = s.value();
                return true;
            }
            if (next instanceof ObjectDatum obj && next.type() == DatumType.OBJECT) {
                Datum url = obj.get("url");
                Datum params = obj.get("params");
                if (url == null && params == null) {
                    throw new ReqlQueryLogicError("OBJECT returned by `page` must contain `url` and/or `params` fields.");
                }
                if (params != null) {
                    checkParams(params);
                    o.mergeParams(params);
                }
                if (url != null) {
                    if (url == NullDatum.INSTANCE) {
                        return false;
                    }
                    if (!(url instanceof StringDatum s)) {
                        throw new ReqlQueryLogicError("Expected `url` in OBJECT returned by `page` to be a STRING or "
                                + "NULL, but found " + url.typeName() + ".");
                    }
                    o.url = s.value();
                }
                return true;
            }
            throw new ReqlQueryLogicError("Expected `page` to return an OBJECT, but found " + next.typeName() + ".");
        }
    }
}

package io.reqldb.query.terms;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.ExtremeDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.query.terms.datum.Coercion;
import io.reqldb.query.terms.datum.JsonText;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * Types and conversions: TYPE_OF, COERCE_TO, INFO, JSON, TO_JSON_STRING.
 *
 * <p>INFO describes datums here; tables, databases, selections and other non-datum values are
 * described by the handler installed with {@link #setNonDatumInfo} (the admin family's), which
 * gets the value and the environment. Until one is installed they report only their type.
 */
public final class TypeTerms implements TermFamily {
    private static volatile BiFunction<Object, Env, Datum> nonDatumInfo = (v, env) -> typeOnly(v);

    @Override
    public void register(TermRegistry r) {
        r.term(TermType.TYPE_OF).args(1).notGroupable().body((t, env) -> new StringDatum(typeName(t.arg(env, 0))));
        r.term(TermType.COERCE_TO).args(2).body((t, env) -> {
            Object v = t.arg(env, 0);
            String type = t.stringArg(env, 1);
            return Coercion.coerce(v, type, env);
        });
        r.term(TermType.INFO).args(1).notGroupable().body((t, env) -> info(t.arg(env, 0), env));
        r.term(TermType.JSON).args(1).body((t, env) -> {
            String text = t.stringArg(env, 0);
            // The parsed value takes about as many bytes as its text: checked before it is built.
            env.context().control().checkSize(text.length());
            Datum parsed = JsonText.parse(text);
            Values.checkArraysWithin(parsed, env.context().arrayLimit());
            return parsed;
        });
        r.term(TermType.MINVAL).args(0).notGroupable().body((t, env) -> ExtremeDatum.MIN);
        r.term(TermType.MAXVAL).args(0).notGroupable().body((t, env) -> ExtremeDatum.MAX);
        r.term(TermType.TO_JSON_STRING).args(1).body((t, env) ->
                new StringDatum(JsonText.write(env.context().control().checkWritable(t.datumArg(env, 0)))));
    }

    /** Installs how INFO describes non-datum values (tables, databases, selections, functions...). */
    public static void setNonDatumInfo(BiFunction<Object, Env, Datum> handler) {
        nonDatumInfo = handler;
    }

    /** The name type_of reports. */
    public static String typeName(Object v) {
        return Values.typeOf(v);
    }

    /** INFO: datums give type and value (binary also its byte count); others go to the hook. */
    public static Datum info(Object v, Env env) {
        if (!(v instanceof Datum d)) {
            return nonDatumInfo.apply(v, env);
        }
        TreeMap<String, Datum> out = ObjectDatum.newFieldMap();
        out.put("type", new StringDatum(d.typeName()));
        if (d instanceof BinaryDatum b) {
            out.put("count", NumberDatum.of(b.length()));
        }
        DatumType type = d.type();
        if (type != DatumType.NULL && type != DatumType.MINVAL && type != DatumType.MAXVAL) {
            out.put("value", new StringDatum(DatumPrinter.print(d)));
        }
        return ObjectDatum.wrap(out);
    }

    private static Datum typeOnly(Object v) {
        return ObjectDatum.of("type", new StringDatum(typeName(v)));
    }
}

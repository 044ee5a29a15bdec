package io.reqldb.query.terms.admin;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.eval.DbValue;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.Sequence;
import io.reqldb.query.eval.SingleSelection;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.TableValue;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.KeyRange;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;

/**
 * {@code info}: RethinkDB's description of any value. For tables it is what the official dump
 * tool saves: {@code {db: {id, name, type}, doc_count_estimates, id, indexes, name, primary_key,
 * type: "TABLE"}}.
 */
public final class InfoTerm {
    private InfoTerm() {
    }

    public static void register(TermRegistry r) {
        io.reqldb.query.terms.TypeTerms.setNonDatumInfo(InfoTerm::info);
    }

    public static Datum info(Object v, Env env) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("type", new StringDatum(Values.typeOf(v)));
        if (v instanceof DbValue db) {
            m.put("name", new StringDatum(db.name()));
            m.put("id", new StringDatum(TableArgs.catalog(env).databaseId(db.name()).toString()));
        } else if (v instanceof TableValue tv && !tv.isSlice()) {
            tableInfo(tv.ref(), env, m);
        } else if (v instanceof TableValue tv) {
            m.put("table", info(TableValue.of(tv.ref()), env));
            // A slice always ranges over or orders by some index: the primary key unless named.
            m.put("index", new StringDatum(tv.index() != null ? tv.index() : tv.ref().primaryKey()));
            m.put("sorting", new StringDatum(!tv.ordered() ? "UNORDERED" : tv.descending() ? "DESCENDING" : "ASCENDING"));
            bounds(tv.range(), m);
        } else if (v instanceof SingleSelection s) {
            m.put("table", info(TableValue.of(s.table()), env));
        } else if (v instanceof Sequence s && s.table() != null) {
            m.put("table", info(TableValue.of(s.table()), env));
        } else if (v instanceof FuncValue f) {
            m.put("source_code", new StringDatum(f.source() != null ? io.reqldb.datum.DatumJson.write(f.source())
                    : "<function>"));
        } else if (v instanceof Datum d) {
            if (d instanceof BinaryDatum b) {
                m.put("count", NumberDatum.of(b.length()));
            }
            if (d.type() != DatumType.NULL && d.type() != DatumType.MINVAL && d.type() != DatumType.MAXVAL) {
                m.put("value", new StringDatum(DatumPrinter.print(d)));
            }
        }
        return ObjectDatum.wrap(m);
    }

    private static void tableInfo(TableRef table, Env env, TreeMap<String, Datum> m) {
        StoreCatalog c = TableArgs.catalog(env);
        m.put("name", new StringDatum(table.name()));
        m.put("primary_key", new StringDatum(table.primaryKey()));
        m.put("db", info(new DbValue(table.db()), env));
        m.put("id", new StringDatum(table.storage().info().id().toString()));
        m.put("doc_count_estimates", ArrayDatum.of(NumberDatum.of(table.storage().count())));
        List<Datum> indexes = new ArrayList<>();
        for (IndexStatus s : table.storage().indexes()) {
            indexes.add(new StringDatum(s.definition().name()));
        }
        m.put("indexes", ArrayDatum.wrap(indexes));
    }

    private static void bounds(KeyRange r, TreeMap<String, Datum> m) {
        Datum lo = r == null ? null : r.lower();
        Datum hi = r == null ? null : r.upper();
        if (lo == null || lo.type() == DatumType.MINVAL) {
            m.put("left_bound_type", new StringDatum("unbounded"));
        } else if (lo.type() == DatumType.MAXVAL) {
            m.put("left_bound_type", new StringDatum("unachievable"));
        } else {
            m.put("left_bound", lo);
            m.put("left_bound_type", new StringDatum(r.lowerClosed() ? "closed" : "open"));
        }
        if (hi == null || hi.type() == DatumType.MAXVAL) {
            m.put("right_bound_type", new StringDatum("unbounded"));
        } else if (hi.type() == DatumType.MINVAL) {
            m.put("right_bound_type", new StringDatum("unachievable"));
        } else {
            m.put("right_bound", hi);
            m.put("right_bound_type", new StringDatum(r.upperClosed() ? "closed" : "open"));
        }
    }
}

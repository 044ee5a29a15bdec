package io.reqldb.query.term;

import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.Values;
import io.reqldb.query.terms.datum.PseudoTypes;
import java.util.Map;
import java.util.TreeMap;

/** An object literal whose values are computed ({@code {a: r.now()}}). */
final class MakeObjectTerm extends Term {
    private final Map<String, Term> fields;

    MakeObjectTerm(Map<String, Term> fields) {
        super(TermType.MAKE_OBJ, new Term[0], fields);
        this.fields = fields;
    }

    /** The value of an object whose fields are all literals. */
    Datum constantValue() {
        TreeMap<String, Datum> out = io.reqldb.datum.ObjectDatum.newFieldMap();
        fields.forEach((k, t) -> out.put(k, ((DatumTerm) t).value()));
        return PseudoTypes.build(out);
    }

    @Override
    public Object eval(Env env) {
        TreeMap<String, Datum> out = io.reqldb.datum.ObjectDatum.newFieldMap();
        for (Map.Entry<String, Term> e : fields.entrySet()) {
            try {
                out.put(e.getKey(), Values.toDatum(e.getValue().eval(env)));
            } catch (ReqlError err) {
                throw err.addFrame(e.getKey());
            }
        }
        return PseudoTypes.build(out);
    }
}

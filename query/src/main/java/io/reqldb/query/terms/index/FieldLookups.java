package io.reqldb.query.terms.index;

import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.term.TermType;
import io.reqldb.storage.IndexClassifier;
import io.reqldb.storage.IndexDefinition;
import java.util.List;

/**
 * Recognises plain field lookups among stored index functions, for data-directory migrations
 * ({@link IndexClassifier}): {@code function(x) { return x("f"); }} with GET_FIELD or BRACKET on
 * the function's own parameter and a constant string, not multi, not geo (what
 * {@code index_create('f')} stores).
 */
public final class FieldLookups implements IndexClassifier {
    public static final FieldLookups INSTANCE = new FieldLookups();

    private FieldLookups() {
    }

    @Override
    public String plainField(IndexDefinition definition) {
        StoredFunctions.IndexFunc f;
        try {
            f = StoredFunctions.decodeIndex(definition.function());
        } catch (RuntimeException notABlob) {
            return null;
        }
        if (f.multi() || f.geo() || f.func().params().length != 1) {
            return null;
        }
        RawTerm body = f.func().body();
        if (body.type() != TermType.GET_FIELD.number() && body.type() != TermType.BRACKET.number()) {
            return null;
        }
        List<RawTerm> args = body.args();
        if (args.size() != 2 || !body.optargs().isEmpty()) {
            return null;
        }
        RawTerm var = args.get(0);
        boolean ownParam = var.type() == TermType.VAR.number() && var.args().size() == 1
                && var.args().get(0).datum() instanceof NumberDatum n && (long) n.value() == f.func().params()[0];
        return ownParam && args.get(1).datum() instanceof StringDatum s ? s.value() : null;
    }
}

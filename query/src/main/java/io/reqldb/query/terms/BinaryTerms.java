package io.reqldb.query.terms;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.TermFamily;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.term.TermType;
import java.nio.charset.StandardCharsets;

/** {@code r.binary(x)}: a binary stays itself, a string becomes its UTF-8 bytes. */
public final class BinaryTerms implements TermFamily {
    @Override
    public void register(TermRegistry r) {
        r.term(TermType.BINARY).args(1).body((t, env) -> {
            Datum d = t.datumArg(env, 0);
            if (d instanceof BinaryDatum) {
                return d;
            }
            String s = t.inArg(0, () -> ((StringDatum) Values.expect(d, DatumType.STRING)).value());
            return BinaryDatum.wrap(s.getBytes(StandardCharsets.UTF_8));
        });
    }
}

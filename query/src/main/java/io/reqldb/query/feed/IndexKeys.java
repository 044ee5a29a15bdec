package io.reqldb.query.feed;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.error.ReqlOpFailedError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.QueryContext;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.Values;
import io.reqldb.storage.IndexStatus;
import java.util.List;
import java.util.function.Function;

/**
 * The index values of a document for one index, so a feed over an index range can tell whether
 * a changed document is in its range. The primary index is the primary-key field; a secondary
 * index's stored function (the FUNC term's wire JSON) is compiled again for the feed.
 */
final class IndexKeys {
    private IndexKeys() {
    }

    /** A function from document to its index values (empty when the document is not indexed). */
    static Function<Datum, List<Datum>> of(TableRef ref, String index, QueryContext ctx) {
        String pk = ref.primaryKey();
        if (index == null || index.equals(pk)) {
            return doc -> {
                Datum k = doc instanceof ObjectDatum o ? o.get(pk) : null;
                return k == null ? List.of() : List.of(k);
            };
        }
        IndexStatus status = ref.translate(() -> ref.storage().indexes()).stream()
                .filter(s -> s.definition().name().equals(index)).findFirst()
                .orElseThrow(() -> new ReqlOpFailedError("Index `" + index + "` was not found on table `"
                        + ref.qualifiedName() + "`."));
        FuncValue f = compile(status.definition().function(), ctx);
        boolean multi = status.definition().multi();
        return doc -> {
            try {
                // Values an index cannot hold (null, objects) leave the document out, as the index does.
                return io.reqldb.query.terms.index.IndexKeys.keys(f.call(doc), multi, false);
            } catch (ReqlError e) {
                return List.of();
            }
        };
    }

    private static FuncValue compile(byte[] stored, QueryContext ctx) {
        Datum wire = io.reqldb.query.terms.index.StoredFunctions.indexFunctionWire(stored);
        return Values.toFunc(ctx.compiler().compile(wire).eval(new Env(ctx)));
    }
}

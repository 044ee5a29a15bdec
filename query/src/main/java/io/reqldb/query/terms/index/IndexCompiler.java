package io.reqldb.query.terms.index;

import io.reqldb.datum.Datum;
import io.reqldb.datum.TimeDatum;
import io.reqldb.query.error.ReqlError;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.QueryContext;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.TermCompiler;
import io.reqldb.query.term.TermRegistry;
import io.reqldb.query.terms.TermFamilies;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.IndexFunctionCompiler;
import java.util.List;

/**
 * Turns stored index definitions (RethinkDB 2.4 index blobs) into functions the storage engine
 * calls for each document. A function that fails on a document, or returns a value that cannot
 * be indexed, leaves the document out of the index, as in RethinkDB.
 */
public final class IndexCompiler implements IndexFunctionCompiler {
    private final StoreCatalog catalog;
    private final TermCompiler compiler;

    public IndexCompiler(StoreCatalog catalog) {
        this.catalog = catalog;
        TermRegistry registry = new TermRegistry();
        TermFamilies.registerAll(registry);
        this.compiler = new TermCompiler(registry);
    }

    @Override
    public IndexFunction compile(IndexDefinition definition) {
        StoredFunctions.IndexFunc f = StoredFunctions.decodeIndex(definition.function());
        return compile(f.func(), f.multi(), f.geo());
    }

    /** An index function from a decoded function and its flags. */
    public IndexFunction compile(StoredFunctions.Func func, boolean multi, boolean geo) {
        QueryContext ctx = new QueryContext(catalog.store(), catalog, null, compiler, "test", 100_000, null,
                new TimeDatum(System.currentTimeMillis() / 1000.0, TimeDatum.UTC));
        FuncValue fn = Values.toFunc(compiler.compile(func.toWire()).eval(new Env(ctx)));
        return new IndexFunction() {
            @Override
            public synchronized List<Datum> keys(Datum document) {
                try {
                    return IndexKeys.keys(fn.call(document), multi, geo);
                } catch (ReqlError | ClassCastException | IllegalArgumentException e) {
                    return List.of();
                }
            }
        };
    }
}

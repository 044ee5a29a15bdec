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

    /** Compiled functions by stored blob, for the geo terms' evaluation of index functions. */
    private static final int CACHED_FUNCTIONS = 64;
    private static final java.util.Map<java.nio.ByteBuffer, FuncValue> GEO_FUNCTIONS =
            java.util.Collections.synchronizedMap(new java.util.LinkedHashMap<>(16, 0.75f, true) {
                @Override
                protected boolean removeEldestEntry(java.util.Map.Entry<java.nio.ByteBuffer, FuncValue> eldest) {
                    return size() > CACHED_FUNCTIONS;
                }
            });

    public IndexCompiler(StoreCatalog catalog) {
        this.catalog = catalog;
        TermRegistry registry = new TermRegistry();
        TermFamilies.registerAll(registry);
        this.compiler = new TermCompiler(registry);
        io.reqldb.query.terms.geo.GeoIndex.setEvaluator(IndexCompiler::evaluate);
    }

    /** Evaluates a stored index function on one document for the geo terms; Java null on failure. */
    private static Datum evaluate(QueryContext ctx, io.reqldb.query.eval.TableRef table, IndexDefinition def,
                                  Datum document) {
        try {
            FuncValue fn = GEO_FUNCTIONS.computeIfAbsent(java.nio.ByteBuffer.wrap(def.function()), b -> {
                StoredFunctions.IndexFunc f = StoredFunctions.decodeIndex(def.function());
                return Values.toFunc(ctx.compiler().compile(f.func().toWire()).eval(new Env(ctx)));
            });
            synchronized (fn) {
                return fn.call(document);
            }
        } catch (ReqlError | ClassCastException | IllegalArgumentException e) {
            return null;
        }
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

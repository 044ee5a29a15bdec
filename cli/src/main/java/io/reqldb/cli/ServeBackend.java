package io.reqldb.cli;

import io.reqldb.query.QueryEngine;
import io.reqldb.query.error.ReqlInternalError;
import java.nio.file.Path;

/**
 * What {@code serve} runs queries against: the storage under the data directory and the engine
 * over it, opened together and closed together after the server stops.
 */
interface ServeBackend extends AutoCloseable {

    QueryEngine engine();

    @Override
    void close();

    /**
     * Opens the data directory (created if missing).
     *
     * @param directory    the data directory ({@code --directory})
     * @param cacheBytes   the storage cache size ({@code --cache-size}), or 0 for the default
     */
    static ServeBackend open(Path directory, long cacheBytes) {
        // WIRE-ME (lead): replace the next line with the real backend, e.g.
        //   Store store = RocksStore.open(directory, cacheBytes); return backend over new RqlQueryEngine(store, catalog)
        return unwired();
    }

    /** Until storage and engine are wired in: the server runs, and every query says why it fails. */
    private static ServeBackend unwired() {
        return new ServeBackend() {
            @Override
            public QueryEngine engine() {
                return (term, optargs, session) -> {
                    throw new ReqlInternalError("This build of reqldb has no storage engine wired in yet.");
                };
            }

            @Override
            public void close() {
            }
        };
    }
}

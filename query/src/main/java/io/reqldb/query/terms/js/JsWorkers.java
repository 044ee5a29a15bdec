package io.reqldb.query.terms.js;

import io.reqldb.jsworker.JsWorkerOptions;
import io.reqldb.jsworker.JsWorkerPool;

/**
 * The process's JavaScript workers, shared by every query engine in it: worker processes are a
 * machine resource, like the query threads, and their limits are the server's options
 * ({@code --js-workers}, {@code --js-memory}). Made with the defaults on first use unless
 * {@link #configure} came first.
 */
public final class JsWorkers {
    private static JsWorkerPool pool;

    private JsWorkers() {
    }

    /**
     * Sets the limits of the workers to come (the server's start-up calls it before any query);
     * workers of an earlier setting are stopped. No worker starts before the first script, as
     * RethinkDB starts none: a warm worker is a JVM of about 50 MB beside a server that may
     * never run JavaScript, and the first script pays its start once.
     */
    public static synchronized void configure(JsWorkerOptions options) {
        if (pool != null) {
            pool.close();
        }
        pool = new JsWorkerPool(options);
    }

    /**
     * Kills every worker, idle or busy (the server's shutdown calls it, so that no worker outlives
     * it); a later script starts workers of the default limits.
     */
    public static synchronized void shutdown() {
        if (pool != null) {
            pool.close();
            pool = null;
        }
    }

    static synchronized JsWorkerPool pool() {
        if (pool == null) {
            pool = new JsWorkerPool(JsWorkerOptions.defaults());
        }
        return pool;
    }
}

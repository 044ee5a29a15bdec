package io.reqldb.datum;

import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Threads for work that walks values: parsing, evaluating, storing, indexing and encoding all
 * recurse once per level of nesting, and values may nest {@link DatumJson#MAX_NESTING_DEPTH} deep.
 * The default thread stack (1 MiB) overflows a few thousand levels down; these threads reserve
 * enough for the limit. The memory is only reserved, and committed as deep values use it.
 */
public final class DeepStackThreads {
    /** Enough for {@link DatumJson#MAX_NESTING_DEPTH} levels through the deepest recursion. */
    public static final long STACK_BYTES = 128L << 20;

    private DeepStackThreads() {
    }

    /** Daemon threads named {@code prefix1}, {@code prefix2}, ... */
    public static ThreadFactory daemons(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return task -> {
            Thread t = new Thread(null, task, prefix + n.incrementAndGet(), STACK_BYTES);
            t.setDaemon(true);
            return t;
        };
    }
}

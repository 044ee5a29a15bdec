package io.reqldb.cli;

import io.reqldb.query.limits.QueryLimits;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The JVM settings {@code serve} runs under, above all so the process's memory follows
 * {@code --cache-size} and the work it does, not the machine: left to itself the JVM takes a heap of a quarter of the
 * machine's memory and G1 keeps what it once grew to (4 GB held after a workload whose live data
 * was 29 MB). {@code serve} therefore starts itself again with these flags (see {@link Relaunch}),
 * so every launcher ({@code bin/reqldb}, the release's, {@code java -jar}) gets them.
 *
 * <ul>
 *   <li>Heap ceiling: {@link #DEFAULT_HEAP_MB}, or more when {@code --query-memory} asks for a
 *       larger per-query budget than that heap gives ({@code QueryLimits}). The heap holds
 *       queries' working values and feeds' logs, not stored data, which RocksDB caches outside it
 *       within {@code --cache-size}; so the cache does not size it. G1 grows its heap towards
 *       the ceiling under load whatever the live data (30-50 MB under issue #19's workload): with
 *       a 2 GB ceiling the process held 0.4-1.3 GB right after that workload, with this one
 *       234-460 MB with the settings below, at the same server CPU per query.</li>
 *   <li>G1 with periodic full collections and a low free ratio: a server with no collection for
 *       {@link #PERIODIC_GC_MS} ms (idle) collects fully, after which G1 gives back the heap
 *       beyond its live data plus {@code MaxHeapFreeRatio}. A periodic concurrent cycle (G1's
 *       default) was measured to give nothing back: an idle server makes no young collections,
 *       so the mixed collections that would free old regions never come (330 MB committed, 147
 *       MB "used", 6 MB live, minutes after the workload). The serial collector likewise
 *       shrinks only after a full collection, which an idle server never triggers.</li>
 *   <li>A small initial heap, so an idle server starts small.</li>
 *   <li>One arena of direct memory per core in Netty's buffer pool, not two: each keeps at least
 *       one 4 MB chunk once used (24.7 MB of direct memory after the workload with two per core,
 *       8.3 MB with one).</li>
 *   <li>glibc's allocator told to give memory back ({@link #environment}): RocksDB and the JVM
 *       allocate natively from many threads, and glibc's default of 8 arenas per core keeps freed
 *       memory in each; and once a large block allocated with mmap is freed, glibc raises its
 *       mmap threshold to that block's size, after which RocksDB's memtable arena blocks and
 *       compaction buffers (megabytes each) come from, and stay in, its heap. A fixed threshold
 *       keeps them mapped and returned when freed: 218 instead of 256-278 MB after the workload
 *       and a full collection.</li>
 *   <li>No recursive inlining ({@code -XX:MaxRecursiveInlineLevel=0}), which is not about memory
 *       but is a JVM setting too: C2 inlined the recursive walks of a document (JSON parsing, the
 *       stored encoding, the insert's term building, size estimates) into themselves, making
 *       methods of 35-52 KB of machine code that took up to 2.6 s each to compile (busy
 *       machine) while a freshly started server took its first restore. Without it the query
 *       threads of a fresh server spent 3.2-3.7 s on 100k inserted documents instead of
 *       4.1-4.7 s, with no difference beyond the noise once warm (bench's {@code OpCost},
 *       2026-12-08).</li>
 * </ul>
 *
 * Options the user gave the JVM (JAVA_OPTS) win: a heap size, a collector, a number of Netty
 * arenas or a recursive inlining level already chosen is left alone.
 */
final class JvmSizing {
    static final long DEFAULT_HEAP_MB = 256;
    static final long PERIODIC_GC_MS = 10_000;
    /** Netty's pooled allocator's arenas of direct memory. */
    static final String NETTY_DIRECT_ARENAS = "io.netty.allocator.numDirectArenas";
    /** The child's cache size, as the parent derived it (so both agree on 'auto'). */
    static final String CACHE_PROPERTY = "reqldb.cache.mb";

    private JvmSizing() {
    }

    /**
     * The heap ceiling for a per-query budget of {@code queryMemoryMb} ({@code --query-memory}, 0
     * for the default): enough that the budget is the share of the heap it is by default
     * ({@code QueryLimits}), so a query fails on its budget with ReqlResourceLimitError before the
     * heap runs out.
     */
    static long heapMegabytes(long queryMemoryMb) {
        return Math.max(DEFAULT_HEAP_MB, Math.round(queryMemoryMb / QueryLimits.DEFAULT_QUERY_HEAP_SHARE));
    }

    /**
     * The flags to add to the JVM options already in force ({@code given}) for a cache of
     * {@code cacheMb} and a per-query budget of {@code queryMemoryMb} (0 for the default).
     */
    static List<String> flags(long cacheMb, long queryMemoryMb, List<String> given) {
        List<String> flags = new ArrayList<>();
        boolean heapGiven = given.stream().anyMatch(a -> a.startsWith("-Xmx") || a.startsWith("-XX:MaxHeapSize")
                || a.startsWith("-XX:MaxRAM"));
        boolean collectorGiven = given.stream().anyMatch(a -> a.matches("-XX:\\+Use\\w*GC"));
        if (!heapGiven) {
            flags.add("-Xmx" + heapMegabytes(queryMemoryMb) + "m");
            if (given.stream().noneMatch(a -> a.startsWith("-Xms") || a.startsWith("-XX:InitialHeapSize"))) {
                flags.add("-Xms32m");
            }
        }
        if (!collectorGiven) {
            flags.add("-XX:+UseG1GC");
            flags.add("-XX:G1PeriodicGCInterval=" + PERIODIC_GC_MS);
            flags.add("-XX:-G1PeriodicGCInvokesConcurrent");
            flags.add("-XX:MinHeapFreeRatio=10");
            flags.add("-XX:MaxHeapFreeRatio=30");
        }
        if (given.stream().noneMatch(a -> a.startsWith("-D" + NETTY_DIRECT_ARENAS + "="))) {
            flags.add("-D" + NETTY_DIRECT_ARENAS + "=" + Runtime.getRuntime().availableProcessors());
        }
        if (given.stream().noneMatch(a -> a.startsWith("-XX:MaxRecursiveInlineLevel"))) {
            flags.add("-XX:MaxRecursiveInlineLevel=0");
        }
        flags.add("-D" + CACHE_PROPERTY + "=" + cacheMb);
        return flags;
    }

    /** glibc's allocator settings (see the class comment), as environment variables. */
    private static final Map<String, String> ALLOCATOR = Map.of(
            "MALLOC_ARENA_MAX", "2",
            "MALLOC_MMAP_THRESHOLD_", "131072",
            "MALLOC_TRIM_THRESHOLD_", "131072");

    /** Environment variables for the child that {@code current} (this process's) does not set already. */
    static Map<String, String> environment(Map<String, String> current) {
        Map<String, String> missing = new TreeMap<>(ALLOCATOR);
        missing.keySet().removeAll(current.keySet());
        return missing;
    }

    /** The cache size the parent chose for this process, or null when started directly. */
    static Long inheritedCacheMegabytes() {
        String v = System.getProperty(CACHE_PROPERTY);
        return v == null ? null : Long.valueOf(v);
    }
}

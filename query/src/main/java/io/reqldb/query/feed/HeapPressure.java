package io.reqldb.query.feed;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;

/**
 * Whether the heap is short: what stayed in it after the collector's latest collection of each
 * part (the JVM's collection usage, so garbage not yet collected does not count) is more than
 * {@link #HIGH_SHARE} of the heap's maximum. Queries' working memory is bounded by the query
 * pool (60% of the heap); what else fills the heap past this is mostly changes waiting for feeds'
 * readers, which {@link FeedHub} then drops from the feeds furthest behind.
 */
final class HeapPressure {
    private static final double HIGH_SHARE = 0.7;
    private static final List<MemoryPoolMXBean> HEAP_POOLS = ManagementFactory.getMemoryPoolMXBeans().stream()
            .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
            .toList();

    private HeapPressure() {
    }

    /** True when the heap held after the latest collections is above {@link #HIGH_SHARE} of its maximum. */
    static boolean high() {
        long max = Runtime.getRuntime().maxMemory();
        long kept = 0;
        for (MemoryPoolMXBean pool : HEAP_POOLS) {
            MemoryUsage afterCollection = pool.getCollectionUsage();
            if (afterCollection != null) {
                kept += afterCollection.getUsed();
            }
        }
        return kept > max * HIGH_SHARE;
    }
}

package io.reqldb.jsworker.worker;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.util.List;
import java.util.Optional;

/**
 * The worker's own watchdog thread, the only one allowed to end the process. It ends it
 * <ul>
 *   <li>when the server process is gone (even after {@code kill -9}), whatever script is running;</li>
 *   <li>when the old generation is still nearly full after a collection, with the exit code of
 *       {@code -XX:+ExitOnOutOfMemoryError}: a script filling its heap otherwise makes the JVM
 *       collect over and over for tens of seconds before it gives up.</li>
 * </ul>
 */
final class Watchdog {
    /** The exit code the server reads as "out of memory" (that of {@code ExitOnOutOfMemoryError}). */
    static final int OUT_OF_MEMORY_EXIT = 3;
    private static final double FULL = 0.9;
    private static final long PERIOD_MS = 20;
    private static final int PARENT_CHECK_EVERY = 10;

    private Watchdog() {
    }

    /** Starts the watchdog; returns its thread. */
    static Thread start() {
        Optional<ProcessHandle> parent = ProcessHandle.current().parent();
        List<MemoryPoolMXBean> oldPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(p -> p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported())
                .filter(p -> !p.getName().contains("Eden") && !p.getName().contains("Survivor"))
                .toList();
        Thread t = new Thread(() -> watch(parent, oldPools), "watchdog");
        t.setDaemon(true);
        t.start();
        return t;
    }

    private static void watch(Optional<ProcessHandle> parent, List<MemoryPoolMXBean> oldPools) {
        for (long round = 0; ; round++) {
            try {
                Thread.sleep(PERIOD_MS);
            } catch (InterruptedException e) {
                return;
            }
            if (round % PARENT_CHECK_EVERY == 0 && parent.isPresent() && !parent.get().isAlive()) {
                Runtime.getRuntime().halt(0);
            }
            for (MemoryPoolMXBean pool : oldPools) {
                MemoryUsage afterGc = pool.getCollectionUsage();
                if (afterGc != null && afterGc.getMax() > 0 && afterGc.getUsed() > FULL * afterGc.getMax()) {
                    Runtime.getRuntime().halt(OUT_OF_MEMORY_EXIT);
                }
            }
        }
    }
}

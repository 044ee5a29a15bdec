package io.reqldb.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code --cache-size} as RethinkDB 2.4 defines it: megabytes, or {@code auto} (the default) for
 * half of the memory available at start less a gigabyte, never under 100 MB
 * ({@code get_default_total_cache_size} in its {@code clustering/administration/main/cache_size.cc}),
 * "available" being {@code MemAvailable} in {@code /proc/meminfo}, as RethinkDB reads it. The
 * cache holds what RethinkDB's does, in RocksDB: blocks read and memtables written.
 */
final class CacheSize {
    static final long MB = 1024L * 1024L;
    private static final long GB = 1024L * MB;
    private static final long FLOOR_MB = 100;

    private CacheSize() {
    }

    /**
     * The cache size in MB for the option's value: a positive number of megabytes, or null or
     * {@code auto} for the default.
     *
     * @throws IllegalArgumentException naming the option, for anything else
     */
    static long megabytes(String option) {
        if (option == null || option.equals("auto")) {
            return defaultMegabytes(availableBytes());
        }
        try {
            long mb = Long.parseLong(option);
            if (mb > 0 && mb <= Integer.MAX_VALUE) {
                return mb;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--cache-size should be a number of megabytes or 'auto', got '"
                + option + "'.");
    }

    /** RethinkDB's default for this much available memory. */
    static long defaultMegabytes(long availableBytes) {
        return Math.max((availableBytes - GB) / 2 / MB, FLOOR_MB);
    }

    /** {@code MemAvailable}, or, where /proc/meminfo cannot be read, the free physical memory. */
    static long availableBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemAvailable:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // fall back below
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getFreeMemorySize();
    }
}

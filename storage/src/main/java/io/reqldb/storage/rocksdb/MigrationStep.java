package io.reqldb.storage.rocksdb;

import java.util.ArrayList;
import java.util.List;

/**
 * One step of a data-directory migration, from format {@link #from} to {@code from + 1}. A step
 * may be interrupted at any point (crash, kill -9) and run again: it either is idempotent or
 * resumes from the progress it records in the same write batch as its changes
 * ({@link MigrationRun#commit}).
 */
interface MigrationStep {
    /** Every step, in order. */
    List<MigrationStep> ALL = List.of(new V2Documents(), new V2IndexKeys());

    /** The format this step starts from. */
    int from();

    /** One line for logs and {@code reqldb migrate --check}. */
    String description();

    /** Runs (or resumes) the step. */
    void run(MigrationRun run);

    /** The steps that take a directory in {@code format} to the current one, in order. */
    static List<MigrationStep> from(int format) {
        List<MigrationStep> out = new ArrayList<>();
        for (MigrationStep s : ALL) {
            if (s.from() >= format) {
                out.add(s);
            }
        }
        return out;
    }
}

package io.reqldb.jsworker;

/**
 * How many JavaScript workers may run at once and how much memory each may use.
 *
 * @param workers  most worker processes alive at once, hence most scripts running at once; a
 *                 query that finds them all busy waits for one ({@code --js-workers}, default:
 *                 the number of cores, at least 2)
 * @param memoryMb each worker's heap limit in megabytes; a script that needs more ends with
 *                 {@code ReqlResourceLimitError} and its worker is replaced ({@code --js-memory},
 *                 default 128)
 */
public record JsWorkerOptions(int workers, int memoryMb) {
    public static final int DEFAULT_MEMORY_MB = 128;
    /** Below this a worker JVM cannot even start Rhino. */
    public static final int MIN_MEMORY_MB = 16;

    public JsWorkerOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("--js-workers must be at least 1, got " + workers);
        }
        if (memoryMb < MIN_MEMORY_MB) {
            throw new IllegalArgumentException("--js-memory must be at least " + MIN_MEMORY_MB + " (MB), got " + memoryMb);
        }
    }

    public static JsWorkerOptions defaults() {
        return new JsWorkerOptions(Math.max(2, Runtime.getRuntime().availableProcessors()), DEFAULT_MEMORY_MB);
    }
}

package io.reqldb.tools;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A real, tiny file system (tmpfs) to run out of space on; needs root, so tests that use it are
 * skipped elsewhere.
 */
public final class SmallDisk implements AutoCloseable {
    private final Path dir;

    private SmallDisk(Path dir) {
        this.dir = dir;
    }

    /** Mounts a tmpfs of {@code kilobytes} at a fresh directory, or skips the test. */
    public static SmallDisk mount(int kilobytes) throws IOException, InterruptedException {
        Path dir = Files.createTempDirectory("reqldb-small-disk");
        int code = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=" + kilobytes + "k", "tmpfs", dir.toString())
                .redirectErrorStream(true).start().waitFor();
        assumeTrue(code == 0, "cannot mount a tmpfs here (needs root)");
        return new SmallDisk(dir);
    }

    public Path dir() {
        return dir;
    }

    @Override
    public void close() throws IOException, InterruptedException {
        new ProcessBuilder("umount", dir.toString()).start().waitFor();
        Files.deleteIfExists(dir);
    }
}

package io.reqldb.tools.cli;

import io.reqldb.tools.ToolException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --temp-dir} checks with the official messages. */
final class TempDirs {
    private TempDirs() {}

    /** Resolves the directory (system default when null), creating it when {@code create}. */
    static Path check(Path dir, boolean create) {
        Path resolved = dir == null ? Path.of(System.getProperty("java.io.tmpdir")) : dir.toAbsolutePath();
        if (create && !Files.exists(resolved)) {
            try {
                Files.createDirectories(resolved);
            } catch (IOException e) {
                throw ToolException.usage("Could not create temporary directory: " + resolved);
            }
        }
        if (!Files.isDirectory(resolved)) {
            throw ToolException.usage("Temporary directory doesn't exist or is not a directory: " + resolved);
        }
        if (!Files.isWritable(resolved)) {
            throw ToolException.usage("Temporary directory inaccessible: " + resolved);
        }
        return resolved;
    }
}

package io.reqldb.cli;

import io.reqldb.tools.conn.Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.LoggerFactory;

/**
 * {@code serve}'s data directory, created when missing; a start that fails after creating it
 * removes it again ({@link #removeIfNew}), so that a failed start leaves nothing on disk.
 */
final class DataDirectory {
    private final Path path;
    private final boolean isNew;

    private DataDirectory(Path path, boolean isNew) {
        this.path = path;
        this.isNew = isNew;
    }

    /**
     * Creates {@code path} (and missing parents) unless it is there.
     *
     * @throws IllegalArgumentException with a one-line message when it names something other than a
     *                                  directory, or cannot be created
     */
    static DataDirectory prepare(Path path) {
        if (Files.isDirectory(path)) {
            return new DataDirectory(path, false);
        }
        if (Files.exists(path)) {
            throw new IllegalArgumentException("Cannot use " + path + " as the data directory: it is a file, "
                    + "not a directory. Give --directory a directory (it is created when missing).");
        }
        Path firstMissing = path.toAbsolutePath().normalize();
        while (firstMissing.getParent() != null && !Files.exists(firstMissing.getParent())) {
            firstMissing = firstMissing.getParent();
        }
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot create the data directory " + path + ": " + Errors.ioReason(e)
                    + ". Give --directory a place this user can write.", e);
        }
        return new DataDirectory(firstMissing, true);
    }

    /** Removes what {@link #prepare} created (the directory and any missing parents), with all inside. */
    void removeIfNew() {
        if (!isNew) {
            return;
        }
        try (Stream<Path> all = Files.walk(path)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            LoggerFactory.getLogger(DataDirectory.class).warn("Could not remove {} after the failed start: {}",
                    path, Errors.ioReason(e));
        }
    }
}

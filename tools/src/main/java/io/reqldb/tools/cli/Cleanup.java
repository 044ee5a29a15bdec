package io.reqldb.tools.cli;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Temporary files and directories of the running command. They are deleted when the command
 * ends, and by a shutdown hook when the process is stopped (Ctrl-C, SIGTERM), so an interrupted
 * dump or restore leaves nothing behind.
 */
final class Cleanup {
    private static final Set<Path> PATHS = new LinkedHashSet<>();
    private static boolean hooked;
    private static volatile boolean running;
    // Guarded by Cleanup.class: set once the process is being stopped, after which nothing is created.
    private static boolean stopping;

    /** Makes one file or directory. */
    @FunctionalInterface
    interface Creation<T> {
        T create() throws IOException;
    }

    private Cleanup() {}

    /** Marks the start of a command; installs the shutdown hook once per process. */
    static synchronized void begin() {
        running = true;
        if (!hooked) {
            hooked = true;
            Runtime.getRuntime().addShutdownHook(new Thread(Cleanup::onShutdown, "cleanup"));
        }
    }

    /** Marks the end of a command. */
    static void end() {
        running = false;
        synchronized (Cleanup.class) {
            deleteAll();
            PATHS.clear();
        }
    }

    /**
     * Creates a temporary file or directory (whose path the creation returns) and deletes it,
     * recursively, when the command ends or is interrupted. Creating and registering happen as
     * one step for the shutdown hook, which takes this lock before it deletes: a path created an
     * instant before a SIGTERM is deleted with the rest, and once the process is stopping nothing
     * is created any more (the creation fails), so nothing is left behind unregistered.
     */
    static synchronized Path createTemporary(Creation<Path> creation) throws IOException {
        Path path = createRegistered(null, creation);
        PATHS.add(path);
        return path;
    }

    /** {@link #createTemporary} for a creation that returns something else than the path it creates at {@code path}. */
    static synchronized <T> T createTemporary(Path path, Creation<T> creation) throws IOException {
        T made = createRegistered(path, creation);
        PATHS.add(path);
        return made;
    }

    private static <T> T createRegistered(Path path, Creation<T> creation) throws IOException {
        if (stopping) {
            throw new InterruptedIOException("stopping: " + (path == null ? "a temporary file" : path) + " not created");
        }
        return creation.create();
    }

    /** Forgets a path that was moved to its final place. */
    static synchronized void forget(Path path) {
        PATHS.remove(path);
    }

    private static void onShutdown() {
        synchronized (Cleanup.class) {
            stopping = true;
        }
        if (!running) {
            return; // the command ended and removed its files itself: exit without the wait below
        }
        System.err.println();
        System.err.println("Interrupted; temporary files removed");
        // The command's threads run on until the JVM halts, and one may be writing inside a
        // temporary directory right now: delete until two passes 50 ms apart find nothing left
        // (for at most two seconds).
        long deadline = System.nanoTime() + 2_000_000_000L;
        boolean quiet = false;
        while (System.nanoTime() < deadline) {
            boolean found = deleteAll();
            if (!found && quiet) {
                return;
            }
            quiet = !found;
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** Deletes every registered path; true when any of them still existed. */
    private static synchronized boolean deleteAll() {
        boolean found = false;
        for (Path path : PATHS) {
            found |= Files.exists(path);
            deleteTree(path);
        }
        return found;
    }

    static void deleteTree(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try {
            Files.walkFileTree(path, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    Files.deleteIfExists(file);
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult postVisitDirectory(Path dir, IOException exc) throws IOException {
                    Files.deleteIfExists(dir);
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException ignored) {
            // Best effort: the process is ending or the command already failed.
        }
    }
}

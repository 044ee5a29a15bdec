package io.reqldb.tools.cli;

import java.io.IOException;
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
     * Deletes {@code path} (recursively) when the command ends or is interrupted. Register a path
     * before creating it, so there is no moment when it exists unregistered.
     */
    static synchronized Path register(Path path) {
        PATHS.add(path);
        return path;
    }

    /** Forgets a path that was moved to its final place. */
    static synchronized void forget(Path path) {
        PATHS.remove(path);
    }

    private static void onShutdown() {
        if (!running) {
            return; // the command ended and removed its files itself: exit without the wait below
        }
        System.err.println();
        System.err.println("Interrupted; temporary files removed");
        // The command's threads run on until the JVM halts, and one may be creating a file right
        // now: delete until two passes 50 ms apart find nothing left (for at most two seconds).
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

package io.reqldb.cli;

import io.reqldb.tools.conn.Errors;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** {@code --pid-file}: the running server's process id, written once it serves, removed when it stops. */
final class PidFile {
    private PidFile() {
    }

    /** Why the server must not start with this pid file, or null: another live process owns it. */
    static String conflict(Path file) {
        if (file == null || !Files.isRegularFile(file)) {
            return null;
        }
        try {
            long pid = Long.parseLong(Files.readString(file).strip());
            if (pid != ProcessHandle.current().pid() && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                return "The pid file " + file + " names process " + pid + ", which is running: stop that server "
                        + "first, or give another --pid-file.";
            }
        } catch (IOException | NumberFormatException stale) {
            // unreadable or not a number: a leftover, replaced below
        }
        return null;
    }

    /** @throws IllegalArgumentException with a one-line message when it cannot be written */
    static void write(Path file) {
        try {
            Files.writeString(file, ProcessHandle.current().pid() + "\n");
        } catch (IOException e) {
            throw new IllegalArgumentException("Cannot write the pid file " + file + ": " + Errors.ioReason(e)
                    + ". Give --pid-file a path this user can write.", e);
        }
    }

    static void remove(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // the server is stopping; a stale pid file is recognised as such by the next start
        }
    }
}

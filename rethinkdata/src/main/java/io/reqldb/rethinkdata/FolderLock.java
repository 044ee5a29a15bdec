package io.reqldb.rethinkdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Whether some process holds an {@code flock} on a file or folder, as RethinkDB holds its data
 * folder and its {@code metadata} file while it runs ({@code flock(LOCK_EX | LOCK_NB)}). Java
 * cannot take or test an flock (its file locks are POSIX record locks, a separate kind on
 * Linux), so the kernel's table of locks is read instead
 * ({@code /proc/locks}: "FLOCK ... major:minor:inode"); where there is no such table, no lock is
 * reported.
 */
final class FolderLock {
    private FolderLock() {}

    static boolean isHeld(Path folder) {
        Path table = Path.of("/proc/locks");
        if (!Files.isReadable(table)) {
            return false;
        }
        try {
            long inode = ((Number) Files.getAttribute(folder, "unix:ino")).longValue();
            long dev = ((Number) Files.getAttribute(folder, "unix:dev")).longValue();
            long major = (dev >>> 8) & 0xfff | (dev >>> 32) & ~0xfffL;
            long minor = dev & 0xff | (dev >>> 12) & ~0xffL;
            List<String> lines = Files.readAllLines(table);
            for (String line : lines) {
                String[] f = line.trim().split("\\s+");
                // "1: FLOCK  ADVISORY  WRITE 1234 08:01:5678 0 EOF" (blocked waiters have "->" first)
                int i = f.length > 1 && f[1].equals("->") ? 2 : 1;
                if (f.length < i + 5 || !f[i].equals("FLOCK")) {
                    continue;
                }
                String[] id = f[i + 4].split(":");
                if (id.length == 3 && Long.parseLong(id[2]) == inode && Long.parseLong(id[0], 16) == major
                        && Long.parseLong(id[1], 16) == minor) {
                    return true;
                }
            }
            return false;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }
}

package io.reqldb.cli.log;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, read from its end (as RethinkDB's file_reverse_reader_t): a long log costs nothing. */
final class LogFileTail {
    private static final int CHUNK = 64 * 1024;

    private LogFileTail() {
    }

    /** Up to {@code max} complete lines from the end of the file, oldest first; none when it cannot be read. */
    static List<String> lastLines(Path path, int max) {
        try (RandomAccessFile file = new RandomAccessFile(path.toFile(), "r")) {
            long end = file.length();
            long start = end;
            byte[] tail = new byte[0];
            int newlines = 0;
            while (start > 0 && newlines <= max) {
                int n = (int) Math.min(CHUNK, start);
                start -= n;
                byte[] chunk = new byte[n];
                file.seek(start);
                file.readFully(chunk);
                for (byte b : chunk) {
                    newlines += b == '\n' ? 1 : 0;
                }
                byte[] joined = Arrays.copyOf(chunk, n + tail.length);
                System.arraycopy(tail, 0, joined, n, tail.length);
                tail = joined;
            }
            List<String> lines = new ArrayList<>(new String(tail, StandardCharsets.UTF_8).lines().toList());
            if (start > 0 && !lines.isEmpty()) {
                lines.remove(0);   // began mid-line
            }
            if (tail.length > 0 && tail[tail.length - 1] != '\n' && !lines.isEmpty()) {
                lines.remove(lines.size() - 1);   // still being written
            }
            return lines.subList(Math.max(0, lines.size() - max), lines.size());
        } catch (IOException e) {
            return List.of();
        }
    }
}

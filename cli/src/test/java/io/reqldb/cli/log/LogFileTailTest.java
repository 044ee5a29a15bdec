package io.reqldb.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a log file's last lines from its end, across chunk boundaries, without a half-written last line. */
class LogFileTailTest {
    @TempDir
    Path tmp;

    @Test
    void lastLines_ofALongFile() throws Exception {
        Path file = tmp.resolve("log_file");
        String text = IntStream.range(0, 50_000).mapToObj(i -> "line " + i + "\n").collect(Collectors.joining());
        Files.writeString(file, text + "half-writ");
        assertThat(LogFileTail.lastLines(file, 3)).containsExactly("line 49997", "line 49998", "line 49999");
        assertThat(LogFileTail.lastLines(file, 60_000)).hasSize(50_000).startsWith("line 0");
    }

    @Test
    void lastLines_ofAMissingOrEmptyFile() throws Exception {
        assertThat(LogFileTail.lastLines(tmp.resolve("none"), 10)).isEmpty();
        assertThat(LogFileTail.lastLines(Files.createFile(tmp.resolve("empty")), 10)).isEmpty();
    }
}

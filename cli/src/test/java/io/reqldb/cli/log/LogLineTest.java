package io.reqldb.cli.log;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** RethinkDB's two forms of a log line (log_writer.cc's format_log_message), and reading the file's back. */
class LogLineTest {
    private static final Instant T = Instant.parse("2016-01-01T00:00:00.000000042Z");

    @Test
    void fileLine_isTimeToTheNanosecond_uptimeToTheMicrosecond_levelAndMessage() {
        LogLine line = new LogLine(T, 123_456_789L, LogLevel.NOTICE, "Running rethinkdb 2.4.4 (ReqlDB 0.1.0)...\n");
        assertThat(line.fileLine(ZoneOffset.UTC))
                .isEqualTo("2016-01-01T00:00:00.000000042 0.123456s notice: Running rethinkdb 2.4.4 (ReqlDB 0.1.0)...");
        assertThat(new LogLine(T, 3_600_000_001_000L, LogLevel.WARN, "x").fileLine(ZoneId.of("+02:00")))
                .isEqualTo("2016-01-01T02:00:00.000000042 3600.000001s warn: x");
    }

    @Test
    void fileLine_keepsEachMessageOnOneLineOfPrintableAscii() {
        LogLine line = new LogLine(T, 0, LogLevel.ERROR, "\n\nfirst\nsecond\tthird \\ caf\u00e9\u0001\r\n");
        assertThat(line.fileLine(ZoneOffset.UTC))
                .endsWith(" 0.000000s error: first\\nsecond\\tthird \\\\ caf??");
    }

    @Test
    void consoleLine_isTheMessage_warningsAndErrorsSayTheirLevel() {
        assertThat(new LogLine(T, 0, LogLevel.NOTICE, "Server ready\n").consoleLine()).isEqualTo("Server ready");
        assertThat(new LogLine(T, 0, LogLevel.WARN, "one\ntwo").consoleLine()).isEqualTo("warn: one\n      two");
        assertThat(new LogLine(T, 0, LogLevel.ERROR, "bad").consoleLine()).isEqualTo("error: bad");
    }

    @Test
    void parse_readsBackWhatTheFileHolds() {
        ZoneId zone = ZoneId.of("Europe/Paris");
        LogLine line = new LogLine(T, 12_345_678_000L, LogLevel.INFO, "a\tb: c");
        LogLine back = LogLine.parse(line.fileLine(zone), zone);
        assertThat(back).isEqualTo(new LogLine(T, 12_345_678_000L, LogLevel.INFO, "a\\tb: c"));
        assertThat(back.utcId()).isEqualTo("2016-01-01T00:00:00.000000042");
    }

    @Test
    void parse_refusesWhatIsNotALogLine() {
        for (String junk : new String[] {"", "hello", "2016-01-01T00:00:00.000000000 0.1s loud: x",
                "2016-01-01T00:00:00.000000000 s notice: x", "2016-13-01T00:00:00.000000000 0.1s notice: x",
                "2016-01-01T00:00:00.000000000 1.2.3s notice: x"}) {
            assertThat(LogLine.parse(junk, ZoneOffset.UTC)).as(junk).isNull();
        }
    }
}

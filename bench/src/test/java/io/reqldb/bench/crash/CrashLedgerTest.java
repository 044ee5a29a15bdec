package io.reqldb.bench.crash;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A short crash ledger run: three SIGKILLs of a real `reqldb serve` under load, nothing lost or torn. */
class CrashLedgerTest {
    @TempDir
    Path dir;

    @Test
    void threeKillNineCyclesLoseNoHardAcknowledgedWriteAndKeepIndexesRight() throws Exception {
        ByteArrayOutputStream report = new ByteArrayOutputStream();
        CrashLedger.Summary summary = CrashLedger.run(
                new CrashLedger.Settings(3, 3, 500, 1500, 30, 20261207L, dir, null),
                new PrintStream(report, true, StandardCharsets.UTF_8));
        String text = report.toString(StandardCharsets.UTF_8);
        System.out.print(text);
        assertThat(summary.problems()).as(text).isEmpty();
        assertThat(summary.acknowledgedHard()).as("hard-acknowledged writes to check").isPositive();
        assertThat(summary.documents()).isPositive();
    }
}

package io.reqldb.tools.importer;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.tools.progress.Progress;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResumeBookkeepingTest {
    @TempDir Path tmp;

    @Test
    void journal_survivesACutLastLineAndKeepsTheHighestCount() throws IOException {
        Path file = tmp.resolve("j");
        try (ResumeJournal journal = ResumeJournal.create(file)) {
            journal.started("app.users");
            journal.rows("app.users", 400);
            journal.rows("app.users", 200);
            journal.dataDone("app.orders");
            journal.done("app.orders");
        }
        Files.writeString(file, Files.readString(file) + "app.users\tro", java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
        try (ResumeJournal journal = ResumeJournal.resume(file)) {
            assertThat(journal.recorded("app.users")).isEqualTo(new ResumeJournal.TableStep(400, false, false));
            assertThat(journal.recorded("app.orders").done()).isTrue();
            assertThat(journal.recorded("app.empty")).isNull();
        }
    }

    @Test
    void tableState_recordsOnlyRowsBeforeTheFirstUnfinishedBatch() {
        TableState state = new TableState(new PlannedTable("db", "t", null, "id"),
                Progress.silent().start("db.t", "rows", 0), 100, false);
        int first = state.submit();
        int second = state.submit();
        int third = state.submit();
        assertThat(state.finished(second, 200)).isEqualTo(-1);
        assertThat(state.finished(first, 200)).isEqualTo(100 + 400);
        state.readDone();
        assertThat(state.claimCompletion()).isFalse();
        assertThat(state.finished(third, 50)).isEqualTo(100 + 450);
        assertThat(state.claimCompletion()).isTrue();
        assertThat(state.claimCompletion()).isFalse();
    }
}

package io.reqldb.tools.live;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code sync}'s answers to faults that are not dropped connections: a source feed that
 * overflows its queue and says it skipped changes (the table is re-read, not left diverging),
 * and rows the target refuses (each reported with its key, and the sync exits non-zero).
 */
class LiveSyncFaultsTest {
    private static final int ROWS = 2000;
    private static final String NOT_A_KEY =
            "Primary keys must be either a number, string, bool, pseudotype or array (got type OBJECT)";

    @RegisterExtension
    final TwoServers servers = new TwoServers("live");

    @Test
    void feedThatSkipsChanges_rereadsTheTable_andConverges() throws Exception {
        SyncRuns.fillSource(servers.src(), ROWS);
        StringWriter out = new StringWriter();
        // A queue of 10 changes: one insert of 1000 rows overflows it, whatever the reader's speed.
        CompletableFuture<Integer> sync = CompletableFuture.supplyAsync(() -> SyncRuns.run(out, "sync",
                "-c", servers.source().address(), "--to", servers.target().address(), "-e", "live",
                "--until-idle", "3",
                "--changefeed-queue-size", "10", "--status-interval", "1"));
        SyncRuns.awaitOutput(out, "In sync", sync);
        var docs = r.db("live").table("docs");
        docs.insert(r.range(ROWS, ROWS + 1000).map(i -> r.hashMap("id", i).with("text", "bulk"))).run(servers.src());
        docs.between(0, 500).delete().run(servers.src());
        docs.between(500, 1000).update(r.hashMap("text", "changed")).run(servers.src());

        assertThat(SyncRuns.awaitExit(sync, out)).as(out.toString()).isZero();
        assertThat(out.toString())
                .contains("live.docs: the source skipped changes (Changefeed cache over array size limit, skipped ")
                .contains("; re-reading the table").contains("live.docs: equal (2500 rows");
        servers.assertTargetHasSourceRows("live", "docs", "id");
    }

    @Test
    void rowsTheTargetRefuses_areReportedWithTheirKeys_andTheSyncFails() throws Exception {
        SyncRuns.fillSource(servers.src(), ROWS);
        StringWriter out = new StringWriter();
        CompletableFuture<Integer> sync = CompletableFuture.supplyAsync(() -> SyncRuns.run(out, "sync",
                "-c", servers.source().address(), "--to", servers.target().address(), "-e", "live",
                "--until-idle", "3",
                "--status-interval", "1"));
        SyncRuns.awaitOutput(out, "In sync", sync);
        // The target's table replaced behind sync's back by one keyed on a field that holds an
        // object in every row, which no primary key may be: each row written to it from now on
        // is refused, with its own error.
        r.db("live").tableDrop("docs").run(servers.dst());
        r.db("live").tableCreate("docs").optArg("primary_key", "nested").run(servers.dst());
        r.db("live").table("docs").get(5).update(r.hashMap("text", "changed")).run(servers.src());
        r.db("live").table("docs").insert(r.hashMap("id", "five").with("nested", r.hashMap("a", 1))).run(servers.src());

        assertThat(SyncRuns.awaitExit(sync, out)).as(out.toString()).isEqualTo(1);
        assertThat(out.toString())
                .contains("live.docs: the target refused the row with key 5: " + NOT_A_KEY)
                .contains("live.docs: the target refused the row with key \"five\": " + NOT_A_KEY)
                .contains("live.docs: DIFFERENT, primary keys differ")
                .contains("Done, but source and target DIFFER");
    }
}

package io.reqldb.tools.live;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.cli.ToolMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import picocli.CommandLine;

/** What the {@code sync} tests share: the source table they fill, running a tool in-process, waiting on its output. */
final class SyncRuns {
    private static final long MAX_WAIT_MS = 120_000;
    private static final long HANG_GUARD_MINUTES = 10;

    private SyncRuns() {}

    /** The source {@code live.docs}: rows documents of several kinds, an index, and a hook that counts its runs. */
    static void fillSource(Connection src, int rows) {
        r.dbCreate("live").run(src);
        r.db("live").tableCreate("docs").run(src);
        r.db("live").table("docs").indexCreate("group").run(src);
        r.db("live").table("docs").indexWait().run(src);
        r.db("live").table("docs").setWriteHook((ctx, oldVal, newVal) -> r.branch(newVal.eq(null), null,
                newVal.merge(r.hashMap("hooked", newVal.g("hooked").default_(0).add(1))))).run(src);
        for (int from = 0; from < rows; from += 5000) {
            int start = from;
            r.db("live").table("docs").insert(r.range(start, Math.min(rows, start + 5000)).map(i -> document(i, 0)))
                    .run(src);
        }
    }

    static Object document(Object id, int version) {
        return r.hashMap("id", id).with("group", r.expr(id).mod(10)).with("version", version)
                .with("text", r.expr("doc ").add(r.expr(id).coerceTo("string")).add(" ü"))
                .with("nested", r.hashMap("list", r.array(1, 2.5, "x")).with("at", r.epochTime(1577862015.25)));
    }

    /** Runs a tool in this JVM with its standard output and error both going to {@code out}; returns its exit code. */
    static int run(StringWriter out, String... args) {
        CommandLine cl = ToolMain.commandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(out, true));
        return cl.execute(args);
    }

    /** Waits until the running tool has printed {@code text}, and fails the test if it ends or times out first. */
    static void awaitOutput(StringWriter out, String text, CompletableFuture<Integer> tool) throws InterruptedException {
        long deadline = System.currentTimeMillis() + MAX_WAIT_MS;
        while (!out.toString().contains(text) && System.currentTimeMillis() < deadline && !tool.isDone()) {
            Thread.sleep(50);
        }
        assertThat(out.toString()).as("the tool's output").contains(text);
    }

    /**
     * The tool's exit code. The wait only guards against a hang: on a machine busy with other
     * work a sync through cut connections takes several times its ~90 s on a quiet one, so it is
     * long, and a tool still running at its end fails the test with what the tool printed.
     */
    static int awaitExit(CompletableFuture<Integer> tool, StringWriter out) throws Exception {
        try {
            return tool.get(HANG_GUARD_MINUTES, TimeUnit.MINUTES);
        } catch (TimeoutException e) {
            throw new AssertionError("still running after " + HANG_GUARD_MINUTES + " minutes; it printed:\n" + out, e);
        }
    }
}

package io.reqldb.bench.crash;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;

/**
 * One client of the load: inserts, updates and deletes its own documents (ids
 * {@code owner * 1e9 + n}, never reused), each with hard or soft durability at random, one at
 * a time on its own connection, and records each write in its ledger before sending it and
 * again when it is acknowledged. It runs until its connection breaks (the server was killed).
 */
final class LedgerWriter implements Runnable {
    private final int owner;
    private final SplittableRandom random;
    /** This writer's documents by id, kept across cycles. */
    final TreeMap<Long, DocHistory> docs = new TreeMap<>();
    private final List<Long> live = new ArrayList<>();
    private long nextId;
    /** Written by this writer's thread only; read by the run to decide when to kill. */
    volatile long acknowledged;
    volatile long acknowledgedHard;
    /** Writes the server answered with an error: never expected, reported as problems. */
    final List<String> refused = new ArrayList<>();
    private volatile ServeProcess current;

    LedgerWriter(int owner, long seed, ServeProcess server) {
        this.owner = owner;
        this.random = new SplittableRandom(seed);
        this.current = server;
    }

    /** Points the writer at a restarted server; the documents the check saw become its starting point. */
    void restartedOn(ServeProcess restarted) {
        current = restarted;
        live.clear();
        docs.forEach((id, doc) -> {
            if (doc.live()) {
                live.add(id);
            }
        });
    }

    @Override
    public void run() {
        try (Connection c = current.connect()) {
            while (true) {
                write(c);
            }
        } catch (RuntimeException connectionLost) {
            // the server was killed; the write in flight, if any, stays in flight in the ledger
        }
    }

    private void write(Connection c) {
        boolean hard = random.nextBoolean();
        int op = random.nextInt(100);
        if (live.isEmpty() || op < 50) {
            long id = owner * 1_000_000_000L + nextId++;
            DocHistory doc = new DocHistory();
            docs.put(id, doc);
            int v = doc.nextVersion();
            doc.sent(v);
            Map<?, ?> result = (Map<?, ?>) r.db(LedgerDocs.DB).table(LedgerDocs.TABLE).insert(LedgerDocs.document(id, v))
                    .optArg("durability", hard ? "hard" : "soft").run(c).single();
            done(result, "inserted", id, doc, v, hard);
            live.add(id);
        } else if (op < 85) {
            long id = live.get(random.nextInt(live.size()));
            DocHistory doc = docs.get(id);
            int v = doc.nextVersion();
            doc.sent(v);
            Map<?, ?> result = (Map<?, ?>) r.db(LedgerDocs.DB).table(LedgerDocs.TABLE).get(id).update(LedgerDocs.fields(id, v))
                    .optArg("durability", hard ? "hard" : "soft").run(c).single();
            done(result, "replaced", id, doc, v, hard);
        } else {
            int at = random.nextInt(live.size());
            long id = live.get(at);
            DocHistory doc = docs.get(id);
            doc.nextVersion();
            doc.sent(DocHistory.ABSENT);
            Map<?, ?> result = (Map<?, ?>) r.db(LedgerDocs.DB).table(LedgerDocs.TABLE).get(id).delete()
                    .optArg("durability", hard ? "hard" : "soft").run(c).single();
            done(result, "deleted", id, doc, DocHistory.ABSENT, hard);
            live.set(at, live.get(live.size() - 1));
            live.remove(live.size() - 1);
        }
    }

    private void done(Map<?, ?> result, String counter, long id, DocHistory doc, int state, boolean hard) {
        if (result == null || !(result.get(counter) instanceof Number n) || n.longValue() != 1) {
            refused.add("write to " + id + " answered " + result);
            return;
        }
        doc.acknowledged(state, hard);
        acknowledged++;
        if (hard) {
            acknowledgedHard++;
        }
    }
}

package io.reqldb.storage.rocksdb;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.storage.IndexClassifier;
import java.util.TreeMap;
import org.rocksdb.RocksDBException;
import org.rocksdb.WriteBatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The state of one migration while its steps run: the open database, the step running, and its
 * progress record ({@link Keys#migration}: {from, checkpoint, step, resume}), which every commit
 * writes in the same synced batch as the step's changes, so a crash resumes exactly.
 *
 * <p>Tests only: {@code -Dreqldb.test.migration.chunkSize=N} makes chunks small, and
 * {@code -Dreqldb.test.migration.haltAfterCommits=N} halts the JVM (no shutdown hooks, no
 * RocksDB close: what kill -9 does) right after the N-th commit, and
 * {@code -Dreqldb.test.migration.pauseAfterCommits=N} prints "migration paused" and waits there
 * for the test to kill the process with SIGKILL.
 */
final class MigrationRun {
    private static final Logger LOG = LoggerFactory.getLogger("io.reqldb.migration");
    private static final int CHUNK = Integer.getInteger("reqldb.test.migration.chunkSize", 1000);
    private static final int HALT_AFTER = Integer.getInteger("reqldb.test.migration.haltAfterCommits", -1);
    private static final int PAUSE_AFTER = Integer.getInteger("reqldb.test.migration.pauseAfterCommits", -1);
    private static int commits;

    private final StoreContext ctx;
    private final IndexClassifier classifier;
    private final int from;
    private final String checkpoint;
    private int step;
    private byte[] resumeKey;

    MigrationRun(StoreContext ctx, IndexClassifier classifier, int from, String checkpoint, int step, byte[] resumeKey) {
        this.ctx = ctx;
        this.classifier = classifier;
        this.from = from;
        this.checkpoint = checkpoint;
        this.step = step;
        this.resumeKey = resumeKey;
    }

    /** The progress record of an interrupted migration, or null. */
    static MigrationRun resume(StoreContext ctx, IndexClassifier classifier) {
        try {
            byte[] v = ctx.db().get(ctx.catalog(), Keys.migration());
            if (v == null) {
                return null;
            }
            ObjectDatum o = (ObjectDatum) DocumentCodec.decode(v);
            Datum resume = o.get("resume");
            return new MigrationRun(ctx, classifier, (int) ((NumberDatum) o.get("from")).value(),
                    ((StringDatum) o.get("checkpoint")).value(), (int) ((NumberDatum) o.get("step")).value(),
                    resume instanceof BinaryDatum b ? b.bytes() : null);
        } catch (RocksDBException e) {
            throw Rocks.failure("migration progress read", e);
        }
    }

    StoreContext ctx() {
        return ctx;
    }

    IndexClassifier classifier() {
        return classifier;
    }

    int from() {
        return from;
    }

    String checkpoint() {
        return checkpoint;
    }

    /** Index into {@link MigrationStep#from}'s list of the step running or to run. */
    int step() {
        return step;
    }

    int chunkSize() {
        return CHUNK;
    }

    /** Where the running step stopped last time, or null to start from the beginning. */
    byte[] resumeKey() {
        return resumeKey;
    }

    void log(String format, Object... args) {
        LOG.info("migration step " + (step + 1) + ": " + format, args);
    }

    /** Writes the step's changes and its progress ({@code resume}, null for none) in one synced batch. */
    void commit(WriteBatch batch, byte[] resume) {
        try {
            resumeKey = resume;
            batch.put(ctx.catalog(), Keys.migration(), record());
            ctx.committer().writeSynced(batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("migration write", e);
        }
        commits++;
        if (HALT_AFTER > 0 && commits >= HALT_AFTER) {
            Runtime.getRuntime().halt(137);
        }
        if (PAUSE_AFTER > 0 && commits == PAUSE_AFTER) {
            System.out.println("migration paused");
            System.out.flush();
            try {
                Thread.sleep(Long.MAX_VALUE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /** Moves on to the next step and records it. */
    void advance() {
        step++;
        try (WriteBatch batch = new WriteBatch()) {
            commit(batch, null);
        }
    }

    private byte[] record() {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("from", NumberDatum.of(from));
        m.put("checkpoint", new StringDatum(checkpoint));
        m.put("step", NumberDatum.of(step));
        if (resumeKey != null) {
            m.put("resume", BinaryDatum.wrap(resumeKey.clone()));
        }
        return DocumentCodec.encode(ObjectDatum.wrap(m));
    }

    /** Removes the progress record once the new format is recorded. */
    static void clear(StoreContext ctx) {
        try (WriteBatch batch = new WriteBatch()) {
            batch.delete(ctx.catalog(), Keys.migration());
            ctx.committer().writeSynced(batch);
        } catch (RocksDBException e) {
            throw Rocks.failure("migration write", e);
        }
    }
}

package io.reqldb.storage.rocksdb;

import io.reqldb.storage.IndexClassifier;
import io.reqldb.storage.StorageException;
import io.reqldb.storage.StorageException.Code;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import org.rocksdb.Checkpoint;
import org.rocksdb.RocksDBException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link StartupDecision.Kind#MIGRATE} on the open database, before the catalog is read:
 * <ol>
 *   <li>a RocksDB checkpoint of the whole directory in {@code pre-migration-v<N>-<time>/}
 *       (hard links to the immutable files, so it is cheap), with a copy of the metadata file:
 *       moving its contents back restores the directory as it was;</li>
 *   <li>each {@link MigrationStep} in order, logged, resuming an interrupted run from its
 *       progress record (then no second checkpoint is taken: the first one is the original);</li>
 *   <li>only when all are done, the new format in the metadata file, then the progress record is
 *       removed (a crash in between leaves a stale record that the next open removes).</li>
 * </ol>
 */
final class Migrator {
    private static final Logger LOG = LoggerFactory.getLogger("io.reqldb.migration");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");

    private Migrator() {
    }

    static Metadata migrate(Path dataDir, Metadata meta, StoreContext ctx, IndexClassifier classifier) {
        MigrationRun run = MigrationRun.resume(ctx, classifier);
        if (run != null && run.from() == meta.formatVersion()) {
            LOG.info("resuming the migration of {} from data format {} at step {} (checkpoint {})", dataDir,
                    run.from(), run.step() + 1, run.checkpoint());
        } else {
            String name = checkpoint(dataDir, meta, ctx);
            run = new MigrationRun(ctx, classifier, meta.formatVersion(), name, 0, null);
            run.commit(new org.rocksdb.WriteBatch(), null);
            LOG.info("migrating {} from data format {} to {}; checkpoint of the original in {}", dataDir,
                    meta.formatVersion(), Formats.CURRENT, name);
        }
        List<MigrationStep> steps = MigrationStep.from(run.from());
        while (run.step() < steps.size()) {
            MigrationStep step = steps.get(run.step());
            LOG.info("migration step {}/{}: {}", run.step() + 1, steps.size(), step.description());
            step.run(run);
            LOG.info("migration step {}/{} done", run.step() + 1, steps.size());
            run.advance();
        }
        Metadata migrated = meta.writtenNow(Formats.CURRENT);
        migrated.write(dataDir);
        MigrationRun.clear(ctx);
        LOG.info("{} is now in data format {}; the checkpoint {} holds the original and may be deleted once"
                + " it is no longer needed", dataDir, Formats.CURRENT, run.checkpoint());
        return migrated;
    }

    private static String checkpoint(Path dataDir, Metadata meta, StoreContext ctx) {
        String base = "pre-migration-v" + meta.formatVersion() + "-"
                + STAMP.format(ZonedDateTime.now(ZoneOffset.UTC));
        String name = base;
        for (int i = 2; Files.exists(dataDir.resolve(name)); i++) {
            name = base + "-" + i;
        }
        Path target = dataDir.resolve(name);
        try (Checkpoint cp = Checkpoint.create(ctx.db())) {
            Files.createDirectories(target);
            cp.createCheckpoint(target.resolve("rocksdb").toString());
            Files.copy(dataDir.resolve(Metadata.FILE_NAME), target.resolve(Metadata.FILE_NAME));
        } catch (RocksDBException | IOException e) {
            throw new StorageException(Code.IO, "cannot save the pre-migration checkpoint " + target + ": "
                    + e.getMessage(), e);
        }
        return name;
    }
}

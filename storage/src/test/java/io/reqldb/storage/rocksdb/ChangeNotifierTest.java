package io.reqldb.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.Datum;
import io.reqldb.storage.Durability;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rocksdb.Options;
import org.rocksdb.RocksDB;
import org.rocksdb.WriteBatch;

class ChangeNotifierTest {
    @TempDir
    Path dir;

    @Test
    void hardWritesAreToldOnlyAfterTheirSyncAndSoftOnesStayInOrderBehindThem() throws Exception {
        RocksDB.loadLibrary();
        try (Options options = new Options().setCreateIfMissing(true);
             RocksDB db = RocksDB.open(options, dir.toString())) {
            Committer committer = new Committer(db);
            ChangeNotifier notifier = new ChangeNotifier(committer);
            List<Datum> told = new ArrayList<>();
            List<Integer> groups = new ArrayList<>();
            notifier.subscribe(changes -> {
                groups.add(changes.size());
                changes.forEach(c -> told.add(c.newValue()));
            });

            long hard = write(db, committer, "a");
            notifier.enqueue(hard, Durability.HARD, null, null, Datum.of("hard"), DocumentCodec.encode(Datum.of("hard")));
            long soft = write(db, committer, "b");
            notifier.enqueue(soft, Durability.SOFT, null, null, Datum.of("soft"), DocumentCodec.encode(Datum.of("soft")));
            notifier.drain();
            assertThat(told).as("nothing is told before the hard write is synced").isEmpty();

            committer.awaitDurable(hard);
            notifier.drain();
            assertThat(told).containsExactly(Datum.of("hard"), Datum.of("soft"));
            assertThat(groups).as("what became deliverable together is told in one call").containsExactly(2);
        }
    }

    private static long write(RocksDB db, Committer committer, String key) throws Exception {
        try (WriteBatch batch = new WriteBatch()) {
            batch.put(key.getBytes(), new byte[0]);
            return committer.write(batch);
        }
    }
}

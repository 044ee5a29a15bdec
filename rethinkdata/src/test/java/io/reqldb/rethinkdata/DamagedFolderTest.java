package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Damaged, truncated and in-use folders: clear errors naming the file, the table and the offset. */
class DamagedFolderTest {
    @TempDir
    Path tmp;

    private static TableConfig table(DataDirectory dir, String name) {
        return dir.tables().stream().filter(t -> (dir.databaseName(t) + "." + t.name()).equals(name)).findFirst()
                .orElseThrow();
    }

    @Test
    void aDamagedBtreeBlock_namesFileTableAndOffset() throws Exception {
        Path folder = DataDirFixtures.unpack("rethinkdb_data.tar.gz", tmp);
        DataDirectory dir = DataDirectory.open(folder, false);
        TableConfig users = table(dir, "app.users");
        Path file = dir.tableFile(users.id());
        long rootOffset;
        try (SerializerFile f = SerializerFile.open(file)) {
            ProxyBlocks store = new ProxyBlocks(f, ProxyBlocks.proxyCount(f), 0);
            long root = Bytes.i64(store.block(0), 4);
            rootOffset = store.offsetOf(root);
        }
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.seek(rootOffset + 8); // past the block id header: the node's magic
            raf.write("XXXX".getBytes());
        }
        assertThatThrownBy(() -> {
            try (TableFile t = dir.openTable(users)) {
                t.rows((json, length) -> { });
            }
        }).hasMessageContaining(file.toString()).hasMessageContaining("offset " + rootOffset)
                .hasMessageContaining("magic \"XXXX\"");
    }

    @Test
    void aTruncatedTableFile_namesTheTableAndSaysTruncated() throws Exception {
        Path folder = DataDirFixtures.unpack("rethinkdb_data.tar.gz", tmp);
        DataDirectory dir = DataDirectory.open(folder, false);
        TableConfig orders = table(dir, "app.orders");
        Path file = dir.tableFile(orders.id());
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw")) {
            raf.setLength(raf.length() / 3);
        }
        assertThatThrownBy(() -> {
            try (TableFile t = dir.openTable(orders)) {
                t.rows((json, length) -> { });
            }
        }).hasMessageContaining("table app.orders").hasMessageContaining(file.toString())
                .hasMessageContaining("truncated").hasMessageContaining("offset ");
    }

    @Test
    void aTruncatedMetadataFile_namesTheFileAndTheOffset() throws Exception {
        Path folder = DataDirFixtures.unpack("rethinkdb_data.tar.gz", tmp);
        Path metadata = folder.resolve("metadata");
        try (RandomAccessFile raf = new RandomAccessFile(metadata.toFile(), "rw")) {
            raf.setLength(raf.length() / 3);
        }
        assertThatThrownBy(() -> DataDirectory.open(folder, false)).hasMessageContaining(metadata.toString())
                .hasMessageContaining("offset ");
    }

    @Test
    void aMissingMetadataFile_isNotADataDirectory() throws Exception {
        Path folder = DataDirFixtures.unpack("rethinkdb_data.tar.gz", tmp);
        Files.delete(folder.resolve("metadata"));
        assertThatThrownBy(() -> DataDirectory.open(folder, false)).hasMessageContaining("no `metadata` file");
    }

    @Test
    void aMetadataFileHeldByRunningRethinkDb_isRefusedToo() throws Exception {
        Path folder = DataDirFixtures.unpack("rethinkdb_data.tar.gz", tmp);
        Path metadata = folder.resolve("metadata");
        Process holder;
        try {
            holder = new ProcessBuilder("flock", "-x", "-o", metadata.toString(), "sleep", "60").start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no flock(1) here");
            return;
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!FolderLock.isHeld(metadata) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(FolderLock.isHeld(folder)).isFalse();
            assertThatThrownBy(() -> DataDirectory.open(folder, false)).hasMessageContaining("running RethinkDB");
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
    }

    @Test
    void aFolderHeldByRunningRethinkDb_isRefusedUnlessForced() throws Exception {
        Path folder = DataDirFixtures.unpack("rethinkdb_data.tar.gz", tmp);
        // RethinkDB holds an exclusive flock on the folder while it runs; flock(1) takes the same lock.
        Process holder;
        try {
            holder = new ProcessBuilder("flock", "-x", "-o", folder.toString(), "sleep", "60").start();
        } catch (java.io.IOException e) {
            org.junit.jupiter.api.Assumptions.assumeTrue(false, "no flock(1) here");
            return;
        }
        try {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
            while (!FolderLock.isHeld(folder) && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThatThrownBy(() -> DataDirectory.open(folder, false)).hasMessageContaining("running RethinkDB")
                    .hasMessageContaining("reqldb dump -c");
            assertThat(DataDirectory.open(folder, true).tables()).hasSize(7);
        } finally {
            holder.destroyForcibly();
            holder.waitFor();
        }
        assertThat(FolderLock.isHeld(folder)).isFalse();
    }
}

package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.RandomAccessFile;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The LBA rebuilt as RethinkDB rebuilds it: superblock extents, then the last extent, then the inline entries. */
class BlockIndexTest {
    @TempDir
    Path tmp;

    private Path file() throws Exception {
        SerializerFiles f = new SerializerFiles();
        long old1 = f.dataBlock(1, "old one".getBytes());
        long two = f.dataBlock(2, "two".getBytes());
        long new1 = f.dataBlock(1, "new one".getBytes());
        long three = f.dataBlock(3, "three".getBytes());
        long five = f.dataBlock(5, "five".getBytes());
        // Oldest: an extent the superblock lists; then the last extent; then the metablock's inline entries.
        f.lbaExtent(2L * SerializerFiles.EXTENT, SerializerFiles.list(Metablocks.entry(1, old1, 4096),
                Metablocks.entry(2, two, 4096), Metablocks.entry(5, five, 4096)));
        Map<Long, Integer> listed = new LinkedHashMap<>();
        listed.put(2L * SerializerFiles.EXTENT, 3);
        f.lbaSuperblock(1L * SerializerFiles.EXTENT, listed);
        f.lbaExtent(3L * SerializerFiles.EXTENT, SerializerFiles.list(Metablocks.entry(1, new1, 4096),
                Metablocks.entry(-1, -1, 0)));
        f.metablock(0, Metablocks.slot(4, 9,
                List.of(new Metablock.LbaShard(3L * SerializerFiles.EXTENT, 2, 1L * SerializerFiles.EXTENT, 1)),
                List.of(Metablocks.entry(3, three, 4096), Metablocks.entry(2, -1, 0))));
        return f.write(tmp.resolve("table"));
    }

    @Test
    void laterEntriesOverrideEarlierOnes_andDeletionsRemoveBlocks() throws Exception {
        try (SerializerFile f = SerializerFile.open(file())) {
            assertThat(new String(f.block(1), 0, 7)).isEqualTo("new one");
            assertThat(new String(f.block(3), 0, 5)).isEqualTo("three");
            assertThat(new String(f.block(5), 0, 4)).isEqualTo("five");
            assertThat(f.exists(2)).isFalse();
            assertThat(f.exists(4)).isFalse();
            assertThat(f.blockSize()).isEqualTo(4088);
        }
    }

    @Test
    void aTruncatedFile_namesTheFileAndTheOffset() throws Exception {
        Path path = file();
        long cut;
        try (SerializerFile f = SerializerFile.open(path)) {
            cut = f.offsetOf(5);
        }
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.setLength(cut + 100);
        }
        try (SerializerFile f = SerializerFile.open(path)) {
            assertThatThrownBy(() -> f.block(5)).hasMessageContaining("offset " + cut).hasMessageContaining("truncated");
        }
    }

    @Test
    void aBlockWhoseHeaderNamesAnotherBlock_isDamage() throws Exception {
        Path path = file();
        try (SerializerFile f = SerializerFile.open(path); RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.seek(f.offsetOf(3));
            raf.write(new Out().i64(77).toBytes());
        }
        try (SerializerFile f = SerializerFile.open(path)) {
            assertThatThrownBy(() -> f.block(3)).hasMessageContaining("holds block id 77");
        }
    }

    @Test
    void aDamagedLbaExtent_isReportedWithItsOffset() throws Exception {
        Path path = file();
        try (RandomAccessFile raf = new RandomAccessFile(path.toFile(), "rw")) {
            raf.seek(3L * SerializerFiles.EXTENT);
            raf.write("garbage!".getBytes());
        }
        assertThatThrownBy(() -> SerializerFile.open(path)).hasMessageContaining(path.toString())
                .hasMessageContaining("lbamagic").hasMessageContaining("offset " + 3L * SerializerFiles.EXTENT);
    }
}

package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Blob references: inline values, and trees of one and two levels, as RethinkDB sizes them. */
class BlobTest {
    private static final int BLOCK = 4088; // a 4 KiB block less its 8-byte id header
    private static final int LEAF = BLOCK - 4;
    private final MemoryBlocks blocks = new MemoryBlocks(BLOCK);
    private long nextId = 100;

    @Test
    void inlineValue_followsItsSizeByte() {
        byte[] ref = new Out().u8(3).ascii("abc").toBytes();
        assertThat(Blob.read(blocks, ref, 0, 251)).isEqualTo("abc".getBytes());
        assertThat(Blob.refSize(BLOCK, ref, 0, 251)).isEqualTo(4);
    }

    @Test
    void levels_areTheFewestThatFitTheReference() {
        // 251-byte references hold 30 ids: up to 30 leaves at one level, then 510 ids per internal block.
        assertThat(Blob.tree(BLOCK, 30L * LEAF, 251).levels()).isEqualTo(1);
        assertThat(Blob.tree(BLOCK, 30L * LEAF + 1, 251).levels()).isEqualTo(2);
        assertThat(Blob.tree(BLOCK, 30L * 510 * LEAF, 251).levels()).isEqualTo(2);
        assertThat(Blob.tree(BLOCK, 30L * 510 * LEAF + 1, 251).levels()).isEqualTo(3);
    }

    @Test
    void oneLevel_readsItsLeavesInOrder() {
        byte[] value = random(3 * LEAF + 17);
        byte[] ref = bigRef(value, 1);
        assertThat(Blob.valueSize(ref, 0, 251)).isEqualTo(value.length);
        assertThat(Blob.read(blocks, ref, 0, 251)).isEqualTo(value);
        assertThat(Blob.refSize(BLOCK, ref, 0, 251)).isEqualTo(1 + 8 + 8 * 4);
    }

    @Test
    void twoLevels_readThroughInternalBlocks() {
        byte[] value = random(31 * LEAF + 5); // 32 leaves: too many ids for the reference
        byte[] ref = bigRef(value, 2);
        assertThat(Blob.read(blocks, ref, 0, 251)).isEqualTo(value);
    }

    @Test
    void aLeafWithTheWrongMagic_isReported() {
        byte[] value = random(2 * LEAF);
        byte[] ref = bigRef(value, 1);
        blocks.put(100, new Out().ascii("junk").toBytes());
        assertThatThrownBy(() -> Blob.read(blocks, ref, 0, 251)).hasMessageContaining("larl");
    }

    /** Lays out {@code value} in leaves (and internal blocks at two levels); returns the 251-byte reference. */
    private byte[] bigRef(byte[] value, int levels) {
        int leaves = (value.length + LEAF - 1) / LEAF;
        long[] leafIds = new long[leaves];
        for (int i = 0; i < leaves; i++) {
            leafIds[i] = nextId++;
            byte[] part = Arrays.copyOfRange(value, i * LEAF, Math.min(value.length, (i + 1) * LEAF));
            blocks.put(leafIds[i], new Out().ascii("larl").bytes(part).toBytes());
        }
        long[] top = leafIds;
        if (levels == 2) {
            int internal = (leaves + 509) / 510;
            top = new long[internal];
            for (int i = 0; i < internal; i++) {
                Out node = new Out().ascii("lari");
                for (int j = i * 510; j < Math.min(leaves, (i + 1) * 510); j++) {
                    node.i64(leafIds[j]);
                }
                top[i] = nextId++;
                blocks.put(top[i], node.toBytes());
            }
        }
        Out ref = new Out().u8(251).i64(value.length);
        for (long id : top) {
            ref.i64(id);
        }
        return ref.padded(251);
    }

    private static byte[] random(int n) {
        byte[] b = new byte[n];
        new Random(n).nextBytes(b);
        return b;
    }
}

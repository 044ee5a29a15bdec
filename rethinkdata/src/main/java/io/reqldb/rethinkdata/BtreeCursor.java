package io.reqldb.rethinkdata;

import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Walks a B-tree's live entries in key order, one leaf at a time, holding only the path from the
 * root: memory is the tree's depth in blocks, whatever its size.
 *
 * <p>Internal node: {@code "inte"}, pair count and frontmost offset (uint16 each), the pairs'
 * offsets (uint16, in key order); a pair is a child id (uint64) and a key (length byte and
 * bytes). Leaf node: its value type's magic, pair count, live size, frontmost offset and
 * timestamp cut point (uint16 each), then the entries' offsets (uint16, in key order). An entry
 * below the cut point is preceded by an 8-byte timestamp. An entry whose first byte is at most
 * 250 is live: a key, then the value (here a {@link Blob} reference); 255 marks a deletion
 * (skipped), 252–254 unused space.
 */
public final class BtreeCursor {
    private static final int MAX_KEY_SIZE = 250;

    private final BlockSource blocks;
    private final String leafMagic;
    private final Deque<Frame> path = new ArrayDeque<>();
    private byte[] key;
    private byte[] value;
    private long valueBlock;

    private record Frame(long id, byte[] block, int pairs, int[] next) {
    }

    /** A cursor over the tree rooted at {@code root} (-1 for an empty tree), with leaves of magic {@code leafMagic}. */
    public BtreeCursor(BlockSource blocks, long root, String leafMagic) {
        this.blocks = blocks;
        this.leafMagic = leafMagic;
        if (root != -1) {
            push(root);
        }
    }

    /** Moves to the next live entry; false after the last. */
    public boolean next() {
        while (!path.isEmpty()) {
            Frame top = path.peek();
            int i = top.next[0]++;
            if (i >= top.pairs) {
                path.pop();
                continue;
            }
            byte[] b = top.block;
            if (isInternal(b)) {
                int pair = Bytes.u16(b, 8 + 2 * i);
                push(Bytes.i64(b, pair));
                continue;
            }
            int offset = Bytes.u16(b, 12 + 2 * i);
            int cut = Bytes.u16(b, 10);
            int entry = offset + (offset < cut ? 8 : 0);
            if (entry >= b.length) {
                throw damaged(top, "entry offset " + entry + " beyond the block");
            }
            int code = Bytes.u8(b, entry);
            if (code > MAX_KEY_SIZE) {
                continue; // a deletion (or unused space): nothing to read
            }
            key = Arrays.copyOfRange(b, entry + 1, entry + 1 + code);
            try {
                value = Blob.read(blocks, b, entry + 1 + code, Blob.BTREE_MAXREFLEN);
            } catch (RethinkDataException | IndexOutOfBoundsException e) {
                throw damaged(top, "value of entry " + i + ": " + e.getMessage());
            }
            valueBlock = top.id;
            return true;
        }
        return false;
    }

    /** The current entry's key bytes. */
    public byte[] key() {
        return key;
    }

    /** The current entry's value (the blob's contents). */
    public byte[] value() {
        return value;
    }

    /** The file offset of the leaf block holding the current entry, for messages. */
    public long valueOffset() {
        return blocks.offsetOf(valueBlock);
    }

    private void push(long id) {
        byte[] b = blocks.block(id);
        int pairs;
        if (isInternal(b)) {
            pairs = Bytes.u16(b, 4);
        } else if (Bytes.startsWith(b, 0, leafMagic)) {
            pairs = Bytes.u16(b, 4);
        } else {
            throw new RethinkDataException("B-tree block " + id + " at offset " + blocks.offsetOf(id) + " has magic \""
                    + Bytes.magic(b, 0) + "\", neither \"inte\" nor \"" + leafMagic + "\"");
        }
        if (pairs * 2 + 12 > b.length) {
            throw new RethinkDataException("B-tree block " + id + " at offset " + blocks.offsetOf(id) + " claims "
                    + pairs + " entries");
        }
        path.push(new Frame(id, b, pairs, new int[1]));
    }

    private static boolean isInternal(byte[] b) {
        return Bytes.startsWith(b, 0, "inte");
    }

    private RethinkDataException damaged(Frame f, String what) {
        return new RethinkDataException("B-tree leaf block " + f.id + " at offset " + blocks.offsetOf(f.id) + ": " + what);
    }
}

package io.reqldb.bench.rethinkdata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * One store's primary B-tree of a synthetic table, written leaf by leaf as rows arrive in key
 * order: leaves ({@code "rdbl"}) of timestamped entries, values inline up to 250 bytes or in
 * blob leaves ({@code "larl"}) beyond; at {@link #finish} the internal levels ({@code "inte"}),
 * the stat block (the row count) and the superblock ({@code "supf"}). Block ids are the store's
 * own, mapped into the file's by the multiplexer rule (store block {@code b} of store {@code i}
 * of {@code n} is file block {@code b * n + i + 1}).
 */
final class StoreTreeWriter {
    private static final int INLINE_MAX = 250;
    private static final int BLOB_REF_MAX = 251;
    private static final int BLOB_LEAF = SerializerFileWriter.DATA - 4;

    private final SerializerFileWriter file;
    private final int stores;
    private final int store;
    private long nextId = 1; // 0 is the superblock
    private long rows;
    private final List<byte[]> pending = new ArrayList<>();
    private int pendingBytes;
    private byte[] pendingLastKey;
    /** Per level: (last key, block id) of the nodes written, waiting for their parent. */
    private final List<List<Object[]>> levels = new ArrayList<>();

    StoreTreeWriter(SerializerFileWriter file, int stores, int store) {
        this.file = file;
        this.stores = stores;
        this.store = store;
        levels.add(new ArrayList<>());
    }

    private long fileId(long id) {
        return id * stores + store + 1;
    }

    private long write(byte[] data) throws IOException {
        long id = nextId++;
        file.block(fileId(id), data);
        return id;
    }

    /** Adds a row; keys must come in increasing order. */
    void row(byte[] key, byte[] value) throws IOException {
        ByteArrayOutputStream entry = new ByteArrayOutputStream(16 + key.length + value.length);
        entry.writeBytes(SerializerFileWriter.le(8).putLong(rows + 1).array()); // the entry's timestamp
        entry.write(key.length);
        entry.writeBytes(key);
        if (value.length <= INLINE_MAX) {
            entry.write(value.length);
            entry.writeBytes(value);
        } else {
            blobRef(entry, value);
        }
        byte[] e = entry.toByteArray();
        if (12 + 2 * (pending.size() + 1) + pendingBytes + e.length > SerializerFileWriter.DATA) {
            flushLeaf();
        }
        pending.add(e);
        pendingBytes += e.length;
        pendingLastKey = key;
        rows++;
    }

    /** A big value's reference: the size marker, the length, and one level of blob leaves. */
    private void blobRef(ByteArrayOutputStream entry, byte[] value) throws IOException {
        int leaves = (value.length + BLOB_LEAF - 1) / BLOB_LEAF;
        if (1 + 8 + 8 * leaves > BLOB_REF_MAX) {
            throw new IllegalArgumentException("values of more than one blob level are not generated");
        }
        entry.write(BLOB_REF_MAX);
        entry.writeBytes(SerializerFileWriter.le(8).putLong(value.length).array());
        for (int i = 0; i < leaves; i++) {
            int from = i * BLOB_LEAF;
            ByteBuffer leaf = SerializerFileWriter.le(4 + Math.min(BLOB_LEAF, value.length - from));
            leaf.put("larl".getBytes()).put(value, from, leaf.remaining());
            entry.writeBytes(SerializerFileWriter.le(8).putLong(write(leaf.array())).array());
        }
    }

    private void flushLeaf() throws IOException {
        if (pending.isEmpty()) {
            return;
        }
        int n = pending.size();
        ByteBuffer leaf = SerializerFileWriter.le(12 + 2 * n + pendingBytes);
        int end = leaf.capacity();
        // Entries sit at the block's end, the first in key order frontmost; all carry timestamps.
        int front = end - pendingBytes;
        leaf.put("rdbl".getBytes()).putShort((short) n).putShort((short) pendingBytes).putShort((short) front)
                .putShort((short) end);
        int at = front;
        for (byte[] e : pending) {
            leaf.putShort((short) at);
            at += e.length;
        }
        for (byte[] e : pending) {
            leaf.put(e);
        }
        levels.get(0).add(new Object[] {pendingLastKey, write(leaf.array())});
        pending.clear();
        pendingBytes = 0;
    }

    /** Writes the internal levels, the stat block and the superblock. */
    void finish() throws IOException {
        flushLeaf();
        long root = -1;
        for (int level = 0; !levels.get(level).isEmpty(); level++) {
            List<Object[]> nodes = levels.get(level);
            if (nodes.size() == 1) {
                root = (long) nodes.get(0)[1];
                break;
            }
            levels.add(new ArrayList<>());
            List<Object[]> group = new ArrayList<>();
            int bytes = 0;
            for (Object[] child : nodes) {
                int pair = 8 + 1 + ((byte[]) child[0]).length;
                if (8 + 2 * (group.size() + 1) + bytes + pair > SerializerFileWriter.DATA) {
                    internal(group, level + 1);
                    group.clear();
                    bytes = 0;
                }
                group.add(child);
                bytes += pair;
            }
            internal(group, level + 1);
        }
        long stat = write(SerializerFileWriter.le(8).putLong(rows).array());
        long sindex = write(SerializerFileWriter.le(7).put("sinl".getBytes()).putShort((short) 1).put((byte) 0)
                .array()); // no secondary indexes: an inline blob of an empty map
        ByteBuffer sb = SerializerFileWriter.le(28).put("supf".getBytes()).putLong(root).putLong(stat).putLong(sindex);
        file.block(fileId(0), sb.array());
    }

    /** An internal node over {@code children}; the last pair's key is empty (it bounds nothing). */
    private void internal(List<Object[]> children, int level) throws IOException {
        int n = children.size();
        int pairBytes = 0;
        for (int i = 0; i < n; i++) {
            pairBytes += 9 + (i == n - 1 ? 0 : ((byte[]) children.get(i)[0]).length);
        }
        ByteBuffer node = SerializerFileWriter.le(8 + 2 * n + pairBytes);
        int at = 8 + 2 * n;
        node.put("inte".getBytes()).putShort((short) n).putShort((short) at);
        for (int i = 0; i < n; i++) {
            node.putShort((short) at);
            at += 9 + (i == n - 1 ? 0 : ((byte[]) children.get(i)[0]).length);
        }
        for (int i = 0; i < n; i++) {
            byte[] key = i == n - 1 ? new byte[0] : (byte[]) children.get(i)[0];
            node.putLong((long) children.get(i)[1]).put((byte) key.length).put(key);
        }
        levels.get(level).add(new Object[] {children.get(n - 1)[0], write(node.array())});
    }
}

package io.reqldb.bench.rethinkdata;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Writes a RethinkDB 2.4 data directory of one table {@code bench.docs} holding {@code n}
 * documents, without RethinkDB, so that reading such folders can be measured at any size: the
 * {@code metadata} file (a B-tree of the database, the table's Raft snapshot and its active
 * mark) and the table's file (eight stores, each a B-tree of leaves and internal levels, every
 * 200th document big enough to live in blob blocks). Documents are
 * {@code {"id": "doc000000042", "n": 42, "score": 4.2, "ok": true, "tags": ["t2", "x"], "name":
 * "user 42"}}, with a 6000-character {@code text} field on every 200th, stored in 2.4's form
 * (buffered objects and arrays with offset tables).
 */
public final class SyntheticDataDir {
    static final UUID DB = UUID.fromString("b0000000-0000-4000-8000-000000000001");
    static final UUID TABLE = UUID.fromString("b0000000-0000-4000-8000-000000000002");
    static final UUID SERVER = UUID.fromString("b0000000-0000-4000-8000-000000000003");
    private static final int STORES = 8;
    private static final int BIG_EVERY = 200;

    private SyntheticDataDir() {}

    /** Writes the folder into {@code dir} (created; must not hold one already). */
    public static void write(Path dir, long n) throws IOException {
        Files.createDirectories(dir);
        metadata(dir.resolve("metadata"));
        try (SerializerFileWriter file = new SerializerFileWriter(dir.resolve(TABLE.toString()))) {
            file.block(0, SerializerFileWriter.le(24).put("cfg_".getBytes()).putLong(0).putInt(1).putInt(0)
                    .putInt(STORES).array());
            List<StoreTreeWriter> stores = new ArrayList<>();
            for (int i = 0; i < STORES; i++) {
                stores.add(new StoreTreeWriter(file, STORES, i));
            }
            String big = "lorem ipsum ".repeat(500);
            for (long i = 0; i < n; i++) {
                String id = String.format("doc%09d", i);
                // RethinkDB's primary key for a string: "S" and its bytes.
                byte[] key = ("S" + id).getBytes(StandardCharsets.UTF_8);
                stores.get((int) (i % STORES)).row(key, document(id, i, i % BIG_EVERY == 0 ? big : null));
            }
            for (StoreTreeWriter s : stores) {
                s.finish();
            }
        }
    }

    static byte[] document(String id, long i, String text) {
        List<byte[]> fields = new ArrayList<>();
        fields.add(field("id", string(id)));
        fields.add(field("n", new Datum().u8(8).varint(i).bytes()));
        fields.add(field("name", string("user " + i)));
        fields.add(field("ok", new Datum().u8(2).u8(1).bytes()));
        fields.add(field("score", new Datum().u8(4).f64(i / 10.0).bytes()));
        fields.add(field("tags", buffered(10, List.of(string("t" + i % 7), string("x")))));
        if (text != null) {
            fields.add(field("text", string(text)));
        }
        return buffered(11, fields);
    }

    private static byte[] field(String name, byte[] value) {
        return new Datum().string(name).raw(value).bytes();
    }

    private static byte[] string(String s) {
        return new Datum().u8(6).string(s).bytes();
    }

    /**
     * An array (10) or object (11) in 2.4's buffered form: the size of what follows, the count,
     * the offsets of the second element on (1, 2, 4 or 8 bytes wide, by that size), the elements.
     */
    private static byte[] buffered(int tag, List<byte[]> elements) {
        int count = elements.size();
        int length = 0;
        for (byte[] e : elements) {
            length += e.length;
        }
        int width = 1;
        long size = 0;
        for (int w : new int[] {1, 2, 4, 8}) {
            width = w;
            size = Datum.varintLength(count) + (long) w * Math.max(0, count - 1) + length;
            if (size <= (w == 1 ? 0xFFL : w == 2 ? 0xFFFFL : w == 4 ? 0xFFFFFFFFL : Long.MAX_VALUE)) {
                break;
            }
        }
        Datum out = new Datum().u8(tag).varint(size).varint(count);
        long offset = 0;
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                out.fixed(offset, width);
            }
            offset += elements.get(i).length;
        }
        for (byte[] e : elements) {
            out.raw(e);
        }
        return out.bytes();
    }

    /** The metadata file: superblock "RDml" (v2.4) over one leaf of the keys the reader needs. */
    private static void metadata(Path path) throws IOException {
        byte[] cluster = new Datum().varint(1).uuid(DB).u8(1).string("bench").fixed(0, 8).uuid(SERVER).bytes();
        Datum config = new Datum().string("docs").uuid(DB).string("id");
        config.varint(1).varint(1).uuid(SERVER).varint(0).uuid(SERVER); // one shard, one replica
        config.varint(0).u8(0).u8(0).u8(2); // no indexes, no write hook, single acks, hard durability
        List<byte[]> keys = List.of("cluster_semilattice".getBytes(), ("table.active/" + TABLE).getBytes(),
                ("table.snapshot/" + TABLE).getBytes());
        List<byte[]> values = List.of(cluster, new byte[0], config.bytes());
        ByteArrayOutputStream entries = new ByteArrayOutputStream();
        List<Integer> offsets = new ArrayList<>();
        int front = 12 + 2 * keys.size();
        for (int i = 0; i < keys.size(); i++) {
            offsets.add(front + entries.size());
            entries.write(keys.get(i).length);
            entries.writeBytes(keys.get(i));
            entries.write(values.get(i).length);
            entries.writeBytes(values.get(i));
        }
        ByteBuffer leaf = SerializerFileWriter.le(front + entries.size());
        leaf.put("RDln".getBytes()).putShort((short) keys.size()).putShort((short) entries.size())
                .putShort((short) front).putShort((short) 0);
        offsets.forEach(o -> leaf.putShort(o.shortValue()));
        leaf.put(entries.toByteArray());
        try (SerializerFileWriter file = new SerializerFileWriter(path)) {
            file.block(0, SerializerFileWriter.le(12).put("RDml".getBytes()).putLong(1).array());
            file.block(1, leaf.array());
        }
    }

    /** RethinkDB's serialization primitives, appended: little-endian, LEB128 varints, UUIDs as their bytes. */
    private static final class Datum {
        private final ByteArrayOutputStream b = new ByteArrayOutputStream();

        Datum u8(int v) {
            b.write(v);
            return this;
        }

        Datum varint(long v) {
            while ((v & ~0x7FL) != 0) {
                b.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            b.write((int) v);
            return this;
        }

        static int varintLength(long v) {
            int n = 1;
            while ((v & ~0x7FL) != 0) {
                v >>>= 7;
                n++;
            }
            return n;
        }

        Datum fixed(long v, int width) {
            for (int i = 0; i < width; i++) {
                b.write((int) (v >>> (8 * i)) & 0xFF);
            }
            return this;
        }

        Datum f64(double v) {
            return fixed(Double.doubleToRawLongBits(v), 8);
        }

        Datum string(String s) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            varint(bytes.length);
            b.writeBytes(bytes);
            return this;
        }

        Datum uuid(UUID id) {
            ByteBuffer buf = ByteBuffer.allocate(16).putLong(id.getMostSignificantBits())
                    .putLong(id.getLeastSignificantBits());
            b.writeBytes(buf.array());
            return this;
        }

        Datum raw(byte[] bytes) {
            b.writeBytes(bytes);
            return this;
        }

        byte[] bytes() {
            return b.toByteArray();
        }
    }
}

package io.reqldb.rethinkdata;

import java.io.IOException;
import java.nio.file.Path;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Writes the files of a data directory from before RethinkDB 2.1 by hand, laid out as the source
 * of RethinkDB 2.4.4 reads them: serializer files whose blocks are all listed inline in one
 * metablock, the {@code metadata} and {@code auth_metadata} superblocks with inline blobs, and a
 * table file with one store (superblock {@code "supe"}, one leaf, a stat block and a
 * secondary-index block). Public (and shipped in this module's test jar) for
 * {@link #folder116}, a whole folder that the cli's tests run the real commands on.
 */
public final class LegacyFolders {
    static final UUID SERVER = UUID.fromString("11111111-2222-3333-4444-555555555555");
    /** The database {@code app} of {@link #cluster116}. */
    public static final UUID DB = UUID.fromString("00000000-0000-0000-0000-0000000000d1");
    static final UUID DELETED_DB = UUID.fromString("00000000-0000-0000-0000-0000000000d2");
    static final UUID DELETED_TABLE = UUID.fromString("00000000-0000-0000-0000-0000000000a0");
    static final UUID S1 = UUID.fromString("00000000-0000-0000-0000-000000000051");
    static final UUID S2 = UUID.fromString("00000000-0000-0000-0000-000000000052");

    private LegacyFolders() {}

    /**
     * A whole RethinkDB 1.16 data directory in {@code folder}: database {@code app} holding
     * {@code tables} (name to rows, each row string fields and values, its string {@code id} the
     * primary key; at most about 100 short rows a table, as they sit in one leaf), each table with
     * an index {@code tags} on {@code r.row("tags")}, and with {@code adminPassword} (may be null)
     * the auth key that RethinkDB 2.4 makes admin's password. Returns each table's file by name.
     */
    public static Map<String, Path> folder116(Path folder, Map<String, List<String[]>> tables, String adminPassword)
            throws IOException {
        Files.createDirectories(folder);
        Map<UUID, String> ids = new LinkedHashMap<>();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Map.Entry<String, List<String[]>> t : tables.entrySet()) {
            UUID id = UUID.nameUUIDFromBytes(t.getKey().getBytes(StandardCharsets.UTF_8));
            ids.put(id, t.getKey());
            Map<String, byte[]> rows = new TreeMap<>();
            for (String[] fields : t.getValue()) {
                rows.put("S" + id(fields), row(fields));
            }
            Out indexes = new Out().varint(1);
            index(indexes, "tags", definition(ClusterVersion.V1_16, 2, "tags", false), false);
            tableFile(folder, id, ClusterVersion.V1_16, rows, indexes.toBytes());
            files.put(t.getKey(), folder.resolve(id.toString()));
        }
        metadata(folder, ClusterVersion.V1_16, cluster116(ids));
        if (adminPassword != null) {
            authMetadata(folder, ClusterVersion.V1_16,
                    new Out().string(adminPassword).i64(1).uuid(UUID.randomUUID()).toBytes());
        }
        return files;
    }

    private static String id(String[] fieldsAndValues) {
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            if (fieldsAndValues[i].equals("id")) {
                return fieldsAndValues[i + 1];
            }
        }
        throw new IllegalArgumentException("a row without an id");
    }

    static Out versioned(Out out) {
        return out.i64(1_400_000_000L).uuid(UUID.randomUUID());
    }

    static Out uuidSet(Out out, UUID... ids) {
        out.varint(ids.length);
        for (UUID id : ids) {
            out.uuid(id);
        }
        return out;
    }

    /**
     * 1.16 cluster metadata as a cluster that lived a while leaves it: the live {@code tables} (id
     * to name) in database {@code app}, each of two shards with server S2 (deleted) as a replica,
     * a deleted table, servers S1 (live) and S2 (deleted), and a deleted database last.
     */
    static byte[] cluster116(Map<UUID, String> tables) {
        Out out = new Out().varint(tables.size() + 1);
        tables.forEach((id, name) -> {
            out.uuid(id).u8(1);
            versioned(out.string(name));
            versioned(out.uuid(DB));
            versioned(out.string("id"));
            out.varint(2); // shards: S2 (deleted) is dropped from both; shard 1 keeps it, being its only replica
            uuidSet(out, S1, S2).uuid(S2);
            uuidSet(out, S2).uuid(S2);
            out.u8(1).varint(0).u8(1); // majority acks, no complex requirements, soft durability
            out.varint(1).u8(1).ascii("m"); // one split point
            versioned(out);
        });
        out.uuid(DELETED_TABLE).u8(0);
        out.varint(2); // servers: S1 live, S2 deleted
        out.uuid(S1).u8(1);
        versioned(out.string("server1"));
        versioned(out.varint(1).string("default"));
        versioned(out.u8(1).i64(1 << 30));
        out.uuid(S2).u8(0);
        out.varint(2); // databases: one live, one deleted
        out.uuid(DB).u8(1);
        versioned(out.string("app"));
        out.uuid(DELETED_DB).u8(0);
        return out.toBytes();
    }

    /** A serializer file holding {@code blocks} (id to data), stamped with disk format {@code format}. */
    static Path serializerFile(Path path, int format, Map<Long, byte[]> blocks) throws IOException {
        SerializerFiles f = new SerializerFiles();
        List<byte[]> entries = new ArrayList<>();
        blocks.forEach((id, data) -> entries.add(Metablocks.entry(id, f.dataBlock(id, data), SerializerFiles.BLOCK)));
        f.metablock(0, Metablocks.slot(1, format, List.of(), entries));
        return f.write(path);
    }

    /** An inline blob reference with a two-byte size (references longer than 255 bytes). */
    static Out inlineBlob(Out out, byte[] value) {
        return out.i16(value.length).bytes(value);
    }

    /**
     * The {@code metadata} file: a cluster superblock of {@code version} holding {@code cluster},
     * inline when it fits the 1500-byte reference, else in blob leaf blocks ({@code "larl"}).
     */
    static void metadata(Path folder, ClusterVersion version, byte[] cluster) throws IOException {
        Out sb = new Out().ascii("RDm" + version.magicLetter).uuid(SERVER);
        Map<Long, byte[]> blocks = new LinkedHashMap<>();
        if (cluster.length <= 1498) {
            inlineBlob(sb, cluster);
        } else {
            int leaf = SerializerFiles.BLOCK - 8 - 4;
            sb.i16(1500).i64(cluster.length);
            for (int i = 0; i * leaf < cluster.length; i++) {
                long id = i + 1;
                sb.i64(id);
                blocks.put(id, new Out().ascii("larl").bytes(java.util.Arrays.copyOfRange(cluster, i * leaf,
                        Math.min(cluster.length, (i + 1) * leaf))).toBytes());
            }
        }
        blocks.put(0L, sb.toBytes());
        serializerFile(folder.resolve("metadata"), version.code, blocks);
    }

    /** The {@code auth_metadata} file: an auth superblock of {@code version} holding {@code auth}. */
    static void authMetadata(Path folder, ClusterVersion version, byte[] auth) throws IOException {
        Out sb = new Out().ascii("RDm" + version.magicLetter);
        inlineBlob(sb, auth);
        serializerFile(folder.resolve("auth_metadata"), version.code, Map.of(0L, sb.toBytes()));
    }

    /** A leaf node ({@code "rdbl"}) of entries with inline values, in the given (key) order. */
    static byte[] leaf(List<byte[]> keys, List<byte[]> values) {
        int n = keys.size();
        Out body = new Out();
        int[] offsets = new int[n];
        int at = 12 + 2 * n;
        for (int i = 0; i < n; i++) {
            offsets[i] = at + body.size();
            body.u8(keys.get(i).length).bytes(keys.get(i)).u8(values.get(i).length).bytes(values.get(i));
        }
        Out leaf = new Out().ascii("rdbl").i16(n).i16(body.size()).i16(12 + 2 * n).i16(0);
        for (int o : offsets) {
            leaf.i16(o);
        }
        return leaf.bytes(body.toBytes()).toBytes();
    }

    /**
     * A table file of one store: {@code rows} (key to stored datum) in one leaf, and a
     * secondary-index block of magic {@code "sin" + letter} holding the serialized {@code indexes} map.
     */
    static void tableFile(Path folder, UUID table, ClusterVersion version, Map<String, byte[]> rows, byte[] indexes)
            throws IOException {
        List<byte[]> keys = new ArrayList<>();
        List<byte[]> values = new ArrayList<>();
        rows.forEach((k, v) -> {
            keys.add(k.getBytes());
            values.add(v);
        });
        Out sindex = new Out().ascii("sin" + version.magicLetter);
        inlineBlob(sindex, indexes);
        // One proxy: store block b is file block b + 1, file block 0 the multiplexer's config.
        Map<Long, byte[]> blocks = new LinkedHashMap<>();
        blocks.put(0L, new Out().ascii("cfg_").i64(0).i32(1).i32(0).i32(1).toBytes());
        blocks.put(1L, new Out().ascii("supe").i64(1).i64(2).i64(3).toBytes());
        byte[] leaf = leaf(keys, values);
        if (leaf.length > SerializerFiles.BLOCK - 8) {
            throw new IllegalArgumentException(rows.size() + " rows take " + leaf.length + " bytes: more than one leaf");
        }
        blocks.put(2L, leaf);
        blocks.put(3L, new Out().i64(rows.size()).toBytes());
        blocks.put(4L, sindex.toBytes());
        serializerFile(folder.resolve(table.toString()), version.code, blocks);
    }

    /** A stored object datum (legacy tag 5) of string fields. */
    static byte[] row(String... fieldsAndValues) {
        Out out = new Out().u8(5).varint(fieldsAndValues.length / 2);
        for (int i = 0; i < fieldsAndValues.length; i += 2) {
            out.string(fieldsAndValues[i]).u8(6).string(fieldsAndValues[i + 1]);
        }
        return out.toBytes();
    }

    /** A function as 2.0 and before serialized it: r.row(field), its body a protobuf term, no backtrace. */
    static Out rowFieldFunction(Out out, String field) {
        byte[] protobuf = ProtobufTermTest.term(170, ProtobufTermTest.term(13),
                ProtobufTermTest.datumTerm(ProtobufTermTest.string(field)));
        return out.u8(0).varint(0).i32(0).varint(1).i64(1).i32(protobuf.length).bytes(protobuf).i32(0);
    }

    /** An index definition (the opaque bytes) serialized in {@code version}, of ReQL version {@code reql}. */
    static byte[] definition(ClusterVersion version, int reql, String field, boolean multi) {
        Out out = new Out().u8(version.code).u8(reql).u8(reql).u8(reql);
        rowFieldFunction(out, field).u8(multi ? 1 : 0);
        if (version != ClusterVersion.V1_14) {
            out.u8(0);
        }
        return out.toBytes();
    }

    /** The pre-2.2 map of indexes: (name, being deleted) to (superblock, definition, built, being deleted, id). */
    static Out index(Out out, String name, byte[] definition, boolean beingDeleted) {
        out.string(name).u8(beingDeleted ? 1 : 0).i64(9).varint(definition.length).bytes(definition);
        return out.u8(1).u8(beingDeleted ? 1 : 0).uuid(UUID.randomUUID());
    }
}

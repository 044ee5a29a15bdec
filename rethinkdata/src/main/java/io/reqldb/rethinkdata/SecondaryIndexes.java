package io.reqldb.rethinkdata;

import java.util.ArrayList;
import java.util.List;

/**
 * A store's secondary-index block ({@code btree/secondary_operations.cc}), where tables kept their
 * index definitions before RethinkDB 2.1 moved them into the metadata. The block: magic
 * {@code "sin?"} whose last letter is the {@link ClusterVersion} of what follows, then a blob
 * reference of at most 4076 bytes holding a map from index name ({@code sindex_name_t}: string,
 * bool being deleted) to {@code secondary_index_t}: the index tree's superblock id (uint64), the
 * definition (a byte vector), before 2.2 a bool "post-construction complete" (from 2.2 a key
 * range still to build), a bool being deleted, and a UUID.
 *
 * <p>The definition: the cluster version it is serialized in (int8), the ReQL versions original,
 * latest compatible and latest checked (int8 each), the function ({@link WireFunc}), multi (int8)
 * and, after 1.14, geo (int8). RethinkDB 2.4 refuses indexes whose original ReQL version predates
 * 1.16; so does this reader.
 */
final class SecondaryIndexes {
    private static final int BLOB = 4;
    private static final int BLOB_MAXREFLEN = 4076;
    private static final int REQL_V1_16 = 2;

    private SecondaryIndexes() {}

    /** The indexes defined in block {@code id} of {@code store}, those being deleted left out. */
    static List<TableConfig.IndexDefinition> read(BlockSource store, long id) {
        byte[] block = store.block(id);
        if (!Bytes.startsWith(block, 0, "sin")) {
            throw new RethinkDataException("secondary-index block " + id + " at offset " + store.offsetOf(id)
                    + " has magic \"" + Bytes.magic(block, 0) + "\", not \"sin?\"");
        }
        if (block[3] == 'd') {
            throw new RethinkDataException("secondary indexes from RethinkDB 1.13, which RethinkDB 2.4 no longer reads"
                    + " (RethinkDB 2.0 can migrate them)");
        }
        ClusterVersion version = ClusterVersion.ofMagicLetter((char) block[3]);
        Serial in = new Serial(Blob.read(store, block, BLOB, BLOB_MAXREFLEN));
        List<TableConfig.IndexDefinition> out = new ArrayList<>();
        int n = in.count();
        for (int i = 0; i < n; i++) {
            String name = in.string();
            in.bool(); // the name's own being-deleted flag, equal to the index's
            in.i64(); // the index tree's superblock
            byte[] definition = in.bytes(in.count());
            if (version.code < ClusterVersion.V2_2.code) {
                in.bool(); // post-construction complete
            } else {
                in.skip(in.u8());
                in.bool();
                in.skip(in.u8());
            }
            boolean beingDeleted = in.bool();
            in.uuid();
            if (!beingDeleted) {
                out.add(definition(name, definition));
            }
        }
        return out;
    }

    static TableConfig.IndexDefinition definition(String name, byte[] bytes) {
        Serial in = new Serial(bytes);
        int serialized = in.u8();
        if (serialized < ClusterVersion.V1_14.code) {
            throw new RethinkDataException("secondary index `" + name + "` is from RethinkDB 1.13, which RethinkDB 2.4"
                    + " no longer reads (RethinkDB 2.0.5 can update it)");
        }
        ClusterVersion version = ClusterVersion.of(serialized);
        int original = in.u8();
        if (original < REQL_V1_16) {
            throw new RethinkDataException("secondary index `" + name + "` is from before RethinkDB 1.16, which"
                    + " RethinkDB 2.4 no longer reads (RethinkDB 2.1 can update it)");
        }
        in.u8(); // latest compatible ReQL version
        in.u8(); // latest checked
        byte[] func = WireFunc.read(in, version);
        boolean multi = in.u8() == 1;
        boolean geo = version != ClusterVersion.V1_14 && in.u8() == 1;
        if (!in.atEnd()) {
            throw new RethinkDataException("secondary index `" + name + "` has bytes after its definition");
        }
        return TableConfig.IndexDefinition.of(name, func, original, multi, geo);
    }
}

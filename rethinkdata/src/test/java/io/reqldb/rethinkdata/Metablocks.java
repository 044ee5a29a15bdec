package io.reqldb.rethinkdata;

import java.util.List;
import java.util.zip.CRC32;

/** Hand-made metablock slots, laid out as RethinkDB writes them (see {@link Metablock}). */
final class Metablocks {
    private Metablocks() {}

    /** An LBA entry's 32 bytes. */
    static byte[] entry(long blockId, long offset, int size) {
        return new Out().i32(0).i32(size).i64(blockId).i64(0).i64(offset).toBytes();
    }

    /** A valid slot: {@code shards} four (or fewer) LBA shard refs, {@code inline} entries. */
    static byte[] slot(long version, int format, List<Metablock.LbaShard> shards, List<byte[]> inline) {
        Out body = new Out().i64(0);
        for (int s = 0; s < 4; s++) {
            Metablock.LbaShard shard = s < shards.size() ? shards.get(s) : new Metablock.LbaShard(-1, 0, -1, 0);
            body.i64(shard.lastExtentOffset()).i32(shard.lastExtentCount()).i32(0)
                    .i64(shard.superblockOffset()).i32(shard.superblockCount()).i32(0);
        }
        for (int i = 0; i < 112; i++) {
            body.bytes(i < inline.size() ? inline.get(i) : new byte[32]);
        }
        body.i32(inline.size()).i32(0).i64(0);
        byte[] bodyBytes = body.toBytes();
        CRC32 crc = new CRC32();
        crc.update(new Out().i32(format).toBytes());
        crc.update(new Out().i64(version).toBytes());
        crc.update(bodyBytes);
        Out slot = new Out().ascii("metablck").i32(format).i32((int) crc.getValue()).i64(version).bytes(bodyBytes);
        return slot.padded(4096);
    }

    static byte[] slot(long version) {
        return slot(version, 9, List.of(), List.of());
    }

    /** A slot whose write was torn: its CRC no longer matches. */
    static byte[] torn(long version) {
        byte[] s = slot(version);
        s[200] ^= 0x55;
        return s;
    }
}

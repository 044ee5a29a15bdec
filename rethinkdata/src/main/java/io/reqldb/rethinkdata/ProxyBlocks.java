package io.reqldb.rethinkdata;

/**
 * One of the proxies a table's file is split into. RethinkDB 2.x keeps each table in one file
 * shared by eight stores (one per CPU shard of the key space, by hash); a multiplexer maps each
 * store's block ids onto the file's: block {@code b} of proxy {@code i} of {@code n} is file
 * block {@code b * n + i + 1}, file block 0 being the multiplexer's config block
 * ({@code "cfg_"}, creation timestamp (int64), file count, this file's index and the proxy
 * count (int32 each)). Aux ids map the same way inside the aux id space.
 */
public final class ProxyBlocks implements BlockSource {
    private final BlockSource file;
    private final int count;
    private final int index;

    ProxyBlocks(BlockSource file, int count, int index) {
        this.file = file;
        this.count = count;
        this.index = index;
    }

    /** The proxy count written in the file's config block. */
    public static int proxyCount(BlockSource file) {
        byte[] config = file.block(0);
        if (!Bytes.startsWith(config, 0, "cfg_")) {
            throw new RethinkDataException("multiplexer config block (block 0, offset " + file.offsetOf(0)
                    + ") has magic \"" + Bytes.magic(config, 0) + "\", not \"cfg_\"");
        }
        int proxies = Bytes.i32(config, 20);
        if (proxies < 1 || proxies > 1024) {
            throw new RethinkDataException("multiplexer config block claims " + proxies + " proxies");
        }
        return proxies;
    }

    long translate(long id) {
        if (id < 0) {
            long relative = id - BlockIndex.FIRST_AUX_ID;
            return BlockIndex.FIRST_AUX_ID + relative * count + index + 1;
        }
        return id * count + index + 1;
    }

    @Override
    public byte[] block(long id) {
        return file.block(translate(id));
    }

    @Override
    public boolean exists(long id) {
        return file.exists(translate(id));
    }

    @Override
    public int blockSize() {
        return file.blockSize();
    }

    @Override
    public long offsetOf(long id) {
        return file.offsetOf(translate(id));
    }
}

package io.reqldb.rethinkdata;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * One of RethinkDB's log-structured serializer files (a table's file, or {@code metadata}),
 * opened read-only: its static header, the metablock RethinkDB would start from, and the LBA
 * built from it. {@link #block} gives a block's contents as the buffer cache sees them: the
 * data after the 8-byte header that repeats the block id.
 */
public final class SerializerFile implements BlockSource, AutoCloseable {
    private final Path path;
    private final RandomAccess file;
    private final StaticHeader header;
    private final Metablock metablock;
    private final BlockIndex index;

    private SerializerFile(Path path, RandomAccess file, StaticHeader header, Metablock metablock, BlockIndex index) {
        this.path = path;
        this.file = file;
        this.header = header;
        this.metablock = metablock;
        this.index = index;
    }

    /** Opens {@code path}; failures name the file. */
    public static SerializerFile open(Path path) {
        RandomAccess file = new RandomAccess(path);
        try {
            StaticHeader header = header(file);
            Metablock mb = metablock(file, header);
            BlockIndex index = BlockIndex.load(file, mb, header.extentSize());
            return new SerializerFile(path, file, header, mb, index);
        } catch (RethinkDataException e) {
            file.close();
            throw e.in(path.toString());
        }
    }

    /**
     * The metablock RethinkDB would start {@code path} from, read without the LBA: its version
     * grows with every write RethinkDB makes to the file. Failures name the file.
     */
    public static Metablock chosenMetablock(Path path) {
        RandomAccess file = new RandomAccess(path);
        try {
            return metablock(file, header(file));
        } catch (RethinkDataException e) {
            throw e.in(path.toString());
        } finally {
            file.close();
        }
    }

    private static StaticHeader header(RandomAccess file) {
        return StaticHeader.parse(file.readIfPresent(0, StaticHeader.SIZE).length == 0
                ? new byte[0] : file.read(0, StaticHeader.SIZE, "static header"));
    }

    private static Metablock metablock(RandomAccess file, StaticHeader header) {
        List<byte[]> slots = new ArrayList<>();
        for (long offset : Metablock.slotOffsets(header.extentSize())) {
            slots.add(file.readIfPresent(offset, Metablock.SIZE));
        }
        return Metablock.choose(slots);
    }

    public Path path() {
        return path;
    }

    public StaticHeader header() {
        return header;
    }

    public Metablock metablock() {
        return metablock;
    }

    /** The usable size of a block: the block size less the 8-byte block id header. */
    @Override
    public int blockSize() {
        return header.blockSize() - 8;
    }

    @Override
    public boolean exists(long id) {
        return index.offset(id) >= 0;
    }

    @Override
    public byte[] block(long id) {
        long offset = index.offset(id);
        if (offset < 0) {
            throw new RethinkDataException("block " + id + " is referenced but not in the LBA (deleted or never written)");
        }
        int size = index.size(id);
        byte[] raw = file.read(offset, size, "block " + id);
        long stored = Bytes.i64(raw, 0);
        if (stored != id) {
            throw new RethinkDataException("block at offset " + offset + " holds block id " + stored + ", not " + id
                    + " as the LBA says");
        }
        byte[] data = new byte[size - 8];
        System.arraycopy(raw, 8, data, 0, data.length);
        return data;
    }

    /** The file offset of a block, for messages. */
    public long offsetOf(long id) {
        return index.offset(id);
    }

    @Override
    public void close() {
        file.close();
    }
}

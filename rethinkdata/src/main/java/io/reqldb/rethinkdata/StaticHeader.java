package io.reqldb.rethinkdata;

import java.nio.charset.StandardCharsets;

/**
 * The first device block (512 bytes) of every serializer file: {@code software_name[16]}
 * ("RethinkDB", NUL-padded), {@code version[16]} (the serializer version, "2.2" since RethinkDB
 * 2.2, "1.13" before, both read by 2.4), then the static config: {@code block_size} and
 * {@code extent_size} (uint64 each, bytes; 4 KiB and 2 MiB by default).
 */
public record StaticHeader(String version, int blockSize, long extentSize) {
    public static final int SIZE = 512;
    private static final String SOFTWARE = "RethinkDB";

    /** Parses the header; the error says why the file is not a RethinkDB serializer file. */
    public static StaticHeader parse(byte[] block) {
        if (block.length < SIZE) {
            throw new RethinkDataException("file shorter than RethinkDB's static header (" + block.length
                    + " of " + SIZE + " bytes)");
        }
        if (!Bytes.startsWith(block, 0, SOFTWARE) || block[SOFTWARE.length()] != 0) {
            throw new RethinkDataException("not a RethinkDB file (no \"RethinkDB\" static header at offset 0)");
        }
        String version = cString(block, 16);
        if (!version.equals("2.2") && !version.equals("1.13")) {
            throw new RethinkDataException("serializer version \"" + version
                    + "\" at offset 16 is not one RethinkDB 2.4 reads (1.13 or 2.2)");
        }
        long blockSize = Bytes.i64(block, 32);
        long extentSize = Bytes.i64(block, 40);
        if (blockSize < 512 || blockSize > 65536 || extentSize < blockSize || extentSize % blockSize != 0
                || extentSize > (1L << 30)) {
            throw new RethinkDataException("implausible block size " + blockSize + " / extent size " + extentSize
                    + " at offset 32");
        }
        return new StaticHeader(version, (int) blockSize, extentSize);
    }

    private static String cString(byte[] b, int at) {
        int end = at;
        while (end < at + 16 && b[end] != 0) {
            end++;
        }
        return new String(b, at, end - at, StandardCharsets.US_ASCII);
    }
}

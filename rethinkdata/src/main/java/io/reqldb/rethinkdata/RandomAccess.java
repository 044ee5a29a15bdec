package io.reqldb.rethinkdata;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A file opened read-only for positional reads from any thread. A read past the end is the
 * file being truncated, reported with the offset.
 */
final class RandomAccess implements AutoCloseable {
    private final FileChannel channel;
    private final long size;

    RandomAccess(Path path) {
        try {
            this.channel = FileChannel.open(path, StandardOpenOption.READ);
            this.size = channel.size();
        } catch (IOException e) {
            throw new RethinkDataException("cannot open for reading: " + e.getMessage(), e);
        }
    }

    long size() {
        return size;
    }

    /** {@code length} bytes at {@code offset}; {@code what} names them in errors. */
    byte[] read(long offset, int length, String what) {
        if (offset < 0 || offset + length > size) {
            throw new RethinkDataException(what + " at offset " + offset + " (" + length
                    + " bytes) lies beyond the end of the file (" + size + " bytes): the file is truncated");
        }
        byte[] bytes = new byte[length];
        ByteBuffer buffer = ByteBuffer.wrap(bytes);
        try {
            long at = offset;
            while (buffer.hasRemaining()) {
                int n = channel.read(buffer, at);
                if (n < 0) {
                    throw new RethinkDataException(what + " at offset " + offset + " cut short by the end of the file");
                }
                at += n;
            }
        } catch (IOException e) {
            throw new RethinkDataException("read of " + what + " at offset " + offset + " failed: " + e.getMessage(), e);
        }
        return bytes;
    }

    /** Like {@link #read} but an empty array where the file ends first (a metablock slot of a short file). */
    byte[] readIfPresent(long offset, int length) {
        return offset + length > size ? new byte[0] : read(offset, length, "block");
    }

    @Override
    public void close() {
        try {
            channel.close();
        } catch (IOException e) {
            // read-only: nothing was written that closing could lose
        }
    }
}

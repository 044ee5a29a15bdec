package io.reqldb.tools.archive;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Many chunks, compressed on a pool with reused buffers, must join into the one stream of the bytes written. */
class ParallelDeflateStreamTest {
    private final ExecutorService pool = Executors.newFixedThreadPool(3);

    @AfterEach
    void stop() {
        pool.shutdownNow();
    }

    @Test
    void manyChunks_writtenInPiecesOfAnySize_inflateToTheBytesWritten() throws IOException, DataFormatException {
        // Repetitive text with random stretches, so back-references reach into the previous chunk.
        Random random = new Random(3);
        byte[] data = new byte[ParallelDeflateStream.CHUNK * 20 + 12_345];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (i % 1000 < 900 ? "row text, ".charAt(i % 10) : 'a' + random.nextInt(26));
        }
        ByteArrayOutputStream deflated = new ByteArrayOutputStream();
        ParallelDeflateStream stream = new ParallelDeflateStream(deflated, pool);
        for (int at = 0; at < data.length; ) {
            int n = Math.min(data.length - at, random.nextInt(3) == 0 ? 1 : random.nextInt(300_000));
            if (n == 1) {
                stream.write(data[at]);
            } else {
                stream.write(data, at, n);
            }
            at += n;
        }
        stream.finish();
        DeflateSegment end = DeflateSegment.of(new byte[0], true); // ends the deflate stream
        deflated.write(end.deflated());

        Inflater inflater = new Inflater(true);
        inflater.setInput(deflated.toByteArray());
        byte[] inflated = new byte[data.length + 1];
        int n = 0;
        while (!inflater.finished() && n < inflated.length) {
            n += inflater.inflate(inflated, n, inflated.length - n);
        }
        assertThat(n).isEqualTo(data.length);
        assertThat(Arrays.equals(inflated, 0, n, data, 0, data.length)).isTrue();
        CRC32 crc = new CRC32();
        crc.update(data);
        assertThat(stream.crc()).isEqualTo((int) crc.getValue());
        assertThat(stream.count()).isEqualTo(data.length);
    }

    @Test
    void aSegmentLargerThanItsScratchBuffer_endingTheStreamOrNot_inflatesToItsBytes() throws DataFormatException {
        byte[] data = new byte[300_000];
        new Random(5).nextBytes(data); // incompressible: the output outgrows any first guess
        for (boolean last : new boolean[] {false, true}) {
            DeflateSegment segment = DeflateSegment.of(data, last);
            ByteArrayOutputStream stream = new ByteArrayOutputStream();
            stream.writeBytes(segment.deflated());
            if (!last) {
                stream.writeBytes(DeflateSegment.of(new byte[0], true).deflated());
            }
            Inflater inflater = new Inflater(true);
            inflater.setInput(stream.toByteArray());
            byte[] inflated = new byte[data.length];
            int n = 0;
            while (!inflater.finished()) {
                n += inflater.inflate(inflated, n, inflated.length - n);
            }
            assertThat(inflated).isEqualTo(data);
            assertThat(segment.length()).isEqualTo(data.length);
        }
    }
}

package io.reqldb.tools.format;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.DeepStackThreads;
import io.reqldb.rethinkdata.DataDirectory;
import io.reqldb.rethinkdata.JsonSink;
import io.reqldb.rethinkdata.JsonSinks;
import io.reqldb.rethinkdata.ParallelRows;
import io.reqldb.rethinkdata.ServerJson;
import io.reqldb.rethinkdata.TableConfig;
import io.reqldb.rethinkdata.TableFile;
import io.reqldb.tools.Fixtures;
import io.reqldb.tools.export.ExportFormat;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Rows spelt straight into a data file ({@link PyJsonDatumRows}) are byte for byte what the
 * rewriter makes of the server's text for them: every row of the folders RethinkDB 2.4.4 left
 * (spelt store by store on several threads and merged, {@link ParallelRows}, against the one
 * sequential walk of the server's text),
 * and random rows of the awkward values (escapes, controls, non-ASCII and astral characters,
 * integers about 2^53, -0, tiny and huge doubles, binaries, nesting).
 */
class PyJsonDatumRowsTest {
    @TempDir
    Path tmp;

    /** The two data files of the same rows: through the server's text and the rewriter, and spelt straight. */
    private record Files(ByteArrayOutputStream rewritten, RowWriter viaText, ByteArrayOutputStream direct,
            RowWriter straight) {
        static Files open() throws Exception {
            ByteArrayOutputStream a = new ByteArrayOutputStream();
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            return new Files(a, ExportFormat.JSON.writer(a, null, ','), b, ExportFormat.JSON.writer(b, null, ','));
        }

        void assertSame() throws Exception {
            viaText.close();
            straight.close();
            assertThat(direct.toString(StandardCharsets.ISO_8859_1))
                    .isEqualTo(rewritten.toString(StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void everyRowOfTheRethinkDbFolders() throws Exception {
        long total = 0;
        // Fewer threads than stores, so that stores wait their turn and chunks are merged out of step.
        ExecutorService pool = Executors.newFixedThreadPool(3, DeepStackThreads.daemons("spell-"));
        for (String archive : new String[] {"rethinkdb_data.tar.gz", "unclean_data.tar.gz"}) {
            Path into = java.nio.file.Files.createDirectories(tmp.resolve(archive));
            Process tar = new ProcessBuilder("tar", "xzf",
                    Fixtures.rethinkdb244().resolve("datadir").resolve(archive).toString(), "-C", into.toString())
                    .inheritIO().start();
            assertThat(tar.waitFor()).isZero();
            DataDirectory dir = DataDirectory.open(into.resolve("rethinkdb_data"), false);
            for (TableConfig t : dir.tables()) {
                Files files = Files.open();
                long viaText;
                long straight;
                try (TableFile file = dir.openTable(t)) {
                    viaText = file.rows((json, length) -> files.viaText().writeJson(json, 0));
                }
                try (TableFile file = dir.openTable(t)) {
                    straight = ParallelRows.rows(file, pool, PyJsonDatumRows::speller, files.straight()::writeSpelt);
                }
                assertThat(straight).isEqualTo(viaText);
                files.assertSame();
                total += straight;
            }
        }
        pool.shutdown();
        assertThat(total).isGreaterThan(5000);
    }

    @Test
    void randomRowsOfAwkwardValues() throws Exception {
        Random random = new Random(12);
        Files files = Files.open();
        ParallelRows.Speller rows = PyJsonDatumRows.speller();
        ByteBuilder text = new ByteBuilder();
        for (int i = 0; i < 20000; i++) {
            text.reset();
            JsonSink both = JsonSinks.tee(new ServerJson(text), rows.json());
            value(random, both, 0, true);
            files.viaText().writeJson(text.toByteArray(), 0);
            byte[] spelt = rows.take();
            files.straight().writeSpelt(spelt, 0, spelt.length);
        }
        files.assertSame();
    }

    /** A random value; at the top, an object. */
    private static void value(Random random, JsonSink out, int depth, boolean top) {
        int kind = top ? 0 : random.nextInt(depth > 3 ? 6 : 8);
        switch (kind) {
            case 0 -> {
                out.beginObject();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.comma();
                    }
                    byte[] key = text(random);
                    out.key(key, 0, key.length);
                    value(random, out, depth + 1, false);
                }
                out.endObject();
            }
            case 1 -> {
                byte[] s = text(random);
                // Somewhere inside a larger array, as strings are in a file's block.
                byte[] block = new byte[s.length + 6];
                System.arraycopy(s, 0, block, 3, s.length);
                out.string(block, 3, s.length);
            }
            case 2 -> out.number(number(random));
            case 3 -> out.bool(random.nextBoolean());
            case 4 -> out.nil();
            case 5 -> {
                byte[] b = new byte[random.nextInt(12)];
                random.nextBytes(b);
                out.binary(b, 0, b.length);
            }
            default -> {
                out.beginArray();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.comma();
                    }
                    value(random, out, depth + 1, false);
                }
                out.endArray();
            }
        }
    }

    private static final String[] PIECES = {"a", "plain text", "\"", "\\", "\n", "\t", "\u0001", "\u001f", "\u007f",
        "\u00e9", "\u20ac", "\u2028", "\ud83d\ude00", "/", "  ", "0123456789"};

    private static byte[] text(Random random) {
        StringBuilder s = new StringBuilder();
        int n = random.nextInt(5);
        for (int i = 0; i < n; i++) {
            s.append(PIECES[random.nextInt(random.nextBoolean() ? 2 : PIECES.length)]);
        }
        return s.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static double number(Random random) {
        return switch (random.nextInt(9)) {
            case 0 -> random.nextInt(2000) - 1000;
            case 1 -> (random.nextBoolean() ? 1 : -1) * (9007199254740992.0 - random.nextInt(3) + random.nextInt(3));
            case 2 -> -0.0;
            case 3 -> random.nextInt(100000) / 100.0;
            case 4 -> random.nextDouble() * Math.pow(10, random.nextInt(40) - 20);
            case 5 -> Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL); // any finite double
            case 6 -> Double.MIN_VALUE * (1 + random.nextInt(5));
            case 7 -> 1e21 * (1 + random.nextInt(9));
            default -> random.nextGaussian();
        };
    }
}

package io.reqldb.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.DatumJson;
import io.reqldb.rethinkdata.DataDirFixtures;
import io.reqldb.rethinkdata.DataDirectory;
import io.reqldb.rethinkdata.DatumBuilder;
import io.reqldb.rethinkdata.JsonSink;
import io.reqldb.rethinkdata.JsonSinks;
import io.reqldb.rethinkdata.ServerJson;
import io.reqldb.rethinkdata.TableConfig;
import io.reqldb.rethinkdata.TableFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rows {@code migrate --from-rethinkdb} builds straight from RethinkDB's stored datums
 * ({@link DatumBuilder}) are stored byte for byte as the rows parsed from the server's JSON text
 * for them were ({@link DocumentCodec}): every row of the folders RethinkDB 2.4.4 left, and random
 * rows of awkward values. In the storage package for its codec, among cli's tests for the reader.
 */
class RethinkRowsEncodingTest {
    @TempDir
    Path tmp;

    @Test
    void everyRowOfTheRethinkDbFolders() throws Exception {
        long total = 0;
        for (String archive : new String[] {"rethinkdb_data.tar.gz", "unclean_data.tar.gz"}) {
            DataDirectory dir = DataDirectory.open(
                    DataDirFixtures.unpack(archive, Files.createDirectories(tmp.resolve(archive))), false);
            for (TableConfig t : dir.tables()) {
                List<String> viaText = new ArrayList<>();
                List<String> direct = new ArrayList<>();
                try (TableFile file = dir.openTable(t)) {
                    file.rows((json, length) -> viaText.add(stored(DatumJson.parse(Arrays.copyOf(json, length)))));
                }
                try (TableFile file = dir.openTable(t)) {
                    DatumBuilder built = new DatumBuilder();
                    file.rows(0, built, () -> direct.add(stored(built.take())));
                }
                assertThat(direct).as(t.name()).isEqualTo(viaText);
                total += direct.size();
            }
        }
        assertThat(total).isGreaterThan(5000);
    }

    @Test
    void randomRowsOfAwkwardValues() {
        Random random = new Random(7);
        for (int i = 0; i < 20000; i++) {
            ByteBuilder text = new ByteBuilder();
            DatumBuilder built = new DatumBuilder();
            JsonSink both = JsonSinks.tee(new ServerJson(text), built);
            value(random, both, 0);
            assertThat(stored(built.take())).isEqualTo(stored(DatumJson.parse(text.toByteArray())));
        }
    }

    private static String stored(io.reqldb.datum.Datum row) {
        return HexFormat.of().formatHex(DocumentCodec.encode(row));
    }

    private static final double[] NUMBERS = {0, -0.0, 1, -1, 0.1, 1e300, 4.9e-324, 9007199254740991.0,
        9007199254740993.0, -9007199254740992.0, 123456789.125, 1e21, 1e-7};
    private static final String[] STRINGS = {"", "plain", "quote \" and \\ backslash", "tab\tnewline\n\u0001",
        "é中", "astral \uD83D\uDE00", "$reql_type$"};

    /** A random value; at depth 0 an object, as a row is. */
    private static void value(Random random, JsonSink out, int depth) {
        int kind = depth == 0 ? 0 : random.nextInt(depth > 3 ? 6 : 9);
        switch (kind) {
            case 0 -> {
                out.beginObject();
                int n = random.nextInt(5);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.comma();
                    }
                    byte[] key = (STRINGS[random.nextInt(STRINGS.length)] + i).getBytes(StandardCharsets.UTF_8);
                    out.key(key, 0, key.length);
                    value(random, out, depth + 1);
                }
                out.endObject();
            }
            case 1 -> {
                byte[] s = STRINGS[random.nextInt(STRINGS.length)].getBytes(StandardCharsets.UTF_8);
                out.string(s, 0, s.length);
            }
            case 2 -> out.number(NUMBERS[random.nextInt(NUMBERS.length)]);
            case 3 -> out.number(random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20));
            case 4 -> out.bool(random.nextBoolean());
            case 5 -> out.nil();
            case 6 -> {
                byte[] bytes = new byte[random.nextInt(40)];
                random.nextBytes(bytes);
                out.binary(bytes, 0, bytes.length);
            }
            case 7 -> time(random, out);
            default -> {
                out.beginArray();
                int n = random.nextInt(4);
                for (int i = 0; i < n; i++) {
                    if (i > 0) {
                        out.comma();
                    }
                    value(random, out, depth + 1);
                }
                out.endArray();
            }
        }
    }

    /** A TIME pseudo-type object as RethinkDB stores one (an object), its epoch time with sub-millisecond digits. */
    private static void time(Random random, JsonSink out) {
        out.beginObject();
        byte[] type = "$reql_type$".getBytes(StandardCharsets.UTF_8);
        out.key(type, 0, type.length);
        byte[] time = "TIME".getBytes(StandardCharsets.UTF_8);
        out.string(time, 0, time.length);
        out.comma();
        byte[] epoch = "epoch_time".getBytes(StandardCharsets.UTF_8);
        out.key(epoch, 0, epoch.length);
        out.number(random.nextDouble() * 2e9 - 1e9);
        out.comma();
        byte[] tz = "timezone".getBytes(StandardCharsets.UTF_8);
        out.key(tz, 0, tz.length);
        byte[] zone = "+02:00".getBytes(StandardCharsets.UTF_8);
        out.string(zone, 0, zone.length);
        out.endObject();
    }
}

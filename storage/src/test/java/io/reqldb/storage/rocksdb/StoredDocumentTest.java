package io.reqldb.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonGenerator;
import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.datum.TimeDatum;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class StoredDocumentTest {

    /** What a response carries for a value: DatumJson through a UTF-8 generator, as the server writes it. */
    private static String responseJson(Datum d) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = DatumJson.FACTORY.createGenerator(out)) {
            g.writeStartArray();
            DatumJson.write(g, d);
            DatumJson.write(g, d); // twice, for the separators around raw values
            g.writeEndArray();
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void randomDocuments_writeTheSameJsonAsTheirDecodedValues() throws IOException {
        Random random = new Random(7);
        for (int i = 0; i < 2000; i++) {
            Datum doc = randomObject(random, 0);
            Datum stored = StoredDocument.read(DocumentCodec.encode(doc));
            assertThat(responseJson(stored)).as("document %d", i).isEqualTo(responseJson(doc));
            assertThat(stored).isEqualTo(doc);
            assertThat(stored.type()).isEqualTo(doc.type());
        }
    }

    @Test
    void escapesAndNumbers_matchTheGenerator() throws IOException {
        StringBuilder controls = new StringBuilder();
        for (char c = 0; c < 0x80; c++) {
            controls.append(c);
        }
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("controls", new StringDatum(controls.toString()));
        m.put("unicode \u00e9\u4e2d\uD83D\uDE00", new StringDatum("\u2028\u2029\uFEFF/\\\""));
        m.put("numbers", ArrayDatum.wrap(List.of(NumberDatum.of(-0.0), NumberDatum.of(0), NumberDatum.of(63),
                NumberDatum.of(64), NumberDatum.of(-1), NumberDatum.of(9007199254740992.0),
                NumberDatum.of(-9007199254740993.0), NumberDatum.of(1e21), NumberDatum.of(1.5e-7),
                NumberDatum.of(0.1), NumberDatum.of(Long.MIN_VALUE), NumberDatum.of(123456789012.5))));
        m.put("time", new TimeDatum(1.5e9 + 0.25, "-07:30"));
        m.put("binary", BinaryDatum.wrap(new byte[200]));
        ObjectDatum doc = ObjectDatum.wrap(m);
        assertThat(responseJson(StoredDocument.read(DocumentCodec.encode(doc)))).isEqualTo(responseJson(doc));
    }

    @Test
    void aCharacterToEscape_isFoundAtEveryPlaceOfAWord() throws IOException {
        for (String special : List.of("\u0000", "\u001f", "\"", "\\", "\n", "\uD83D\uDE00", "\u00e9", "\u4e2d", "\u007f")) {
            for (int at = 0; at <= 17; at++) {
                String text = "a".repeat(at) + special + "b".repeat(17 - at);
                ObjectDatum doc = ObjectDatum.of(text, new StringDatum(text));
                assertThat(responseJson(StoredDocument.read(DocumentCodec.encode(doc)))).as("%s at %d", special, at)
                        .isEqualTo(responseJson(doc));
            }
        }
    }

    @Test
    void geometry_isKnownWithoutDecoding() {
        Datum point = Docs.json("{'$reql_type$':'GEOMETRY','type':'Point','coordinates':[1,2]}");
        assertThat(StoredDocument.read(DocumentCodec.encode(point)).type()).isEqualTo(DatumType.GEOMETRY);
        Datum notGeometry = Docs.json("{'!':1,'$reql_type$':'GEOMETRIES','id':2}");
        assertThat(StoredDocument.read(DocumentCodec.encode(notGeometry)).type()).isEqualTo(DatumType.OBJECT);
    }

    @Test
    void keysOutOfOrder_areWrittenFromTheDecodedValue() throws IOException {
        // {"b": 1, "a": 2}: keys in the wrong order, which the decoder accepts and sorts.
        byte[] record = new ByteBuilder().put(DocumentCodec.OBJECT).putVarint(2)
                .putVarint(1).put('b').put(DocumentCodec.FIXINT | 1)
                .putVarint(1).put('a').put(DocumentCodec.FIXINT | 2).toByteArray();
        Datum stored = StoredDocument.read(record);
        assertThat(responseJson(stored)).isEqualTo("[{\"a\":2,\"b\":1},{\"a\":2,\"b\":1}]");
    }

    private static Datum randomValue(Random random, int depth) {
        int kind = random.nextInt(depth > 3 ? 6 : 8);
        return switch (kind) {
            case 0 -> NullDatum.INSTANCE;
            case 1 -> BoolDatum.of(random.nextBoolean());
            case 2 -> NumberDatum.of(randomNumber(random));
            case 3, 4 -> new StringDatum(randomString(random));
            case 5 -> random.nextBoolean() ? new TimeDatum(random.nextInt(2_000_000_000) / 8.0, "+0" + random.nextInt(10) + ":00")
                    : BinaryDatum.wrap(randomBytes(random));
            case 6 -> randomArray(random, depth + 1);
            default -> randomObject(random, depth + 1);
        };
    }

    private static double randomNumber(Random random) {
        return switch (random.nextInt(5)) {
            case 0 -> random.nextInt(64);
            case 1 -> random.nextLong() >> random.nextInt(64);
            case 2 -> random.nextGaussian() * Math.pow(10, random.nextInt(40) - 20);
            case 3 -> Math.round(random.nextDouble() * 100_000) / 100.0;
            default -> Double.longBitsToDouble(random.nextLong() & 0x7FEFFFFFFFFFFFFFL);
        };
    }

    private static String randomString(Random random) {
        int n = random.nextInt(random.nextBoolean() ? 8 : 120);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < n; i++) {
            switch (random.nextInt(10)) {
                case 0 -> s.append((char) random.nextInt(0x20));
                case 1 -> s.append("\"\\/\u007f".charAt(random.nextInt(4)));
                case 2 -> s.append((char) (0xA0 + random.nextInt(0xD000)));
                case 3 -> s.appendCodePoint(0x10000 + random.nextInt(0x10000));
                default -> s.append((char) (' ' + random.nextInt(95)));
            }
        }
        return s.toString();
    }

    private static byte[] randomBytes(Random random) {
        byte[] b = new byte[random.nextInt(100)];
        random.nextBytes(b);
        return b;
    }

    private static Datum randomArray(Random random, int depth) {
        List<Datum> items = new ArrayList<>();
        for (int i = random.nextInt(5); i > 0; i--) {
            items.add(randomValue(random, depth));
        }
        return ArrayDatum.wrap(items);
    }

    private static ObjectDatum randomObject(Random random, int depth) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        for (int i = random.nextInt(depth == 0 ? 20 : 6); i > 0; i--) {
            m.put(randomString(random), randomValue(random, depth));
        }
        return ObjectDatum.wrap(m);
    }
}

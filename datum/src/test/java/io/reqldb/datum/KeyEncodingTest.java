package io.reqldb.datum;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * One ordered list, from minval to maxval across every type, checks {@link DatumOrder} and
 * {@link KeyEncoding} together: storage keys are only correct if both agree.
 */
class KeyEncodingTest {

    private static Datum n(double v) {
        return NumberDatum.of(v);
    }

    private static Datum s(String v) {
        return new StringDatum(v);
    }

    private static Datum arr(Datum... items) {
        return ArrayDatum.of(items);
    }

    private static Datum obj(Object... kv) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        for (int i = 0; i < kv.length; i += 2) {
            m.put((String) kv[i], (Datum) kv[i + 1]);
        }
        return ObjectDatum.wrap(m);
    }

    private static Datum bin(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return BinaryDatum.wrap(b);
    }

    /** Strictly ascending. Add new values in their place; every pair is checked. */
    private static final List<Datum> ORDERED = List.of(
            ExtremeDatum.MIN,
            arr(),
            arr(ExtremeDatum.MIN),
            arr(arr()),
            arr(BoolDatum.FALSE),
            arr(NullDatum.INSTANCE),
            arr(n(0)),
            arr(n(0), ExtremeDatum.MIN),
            arr(n(0), n(0)),
            arr(n(0), ExtremeDatum.MAX),
            arr(n(1)),
            arr(s("")),
            arr(s("a"), s("b")),
            arr(s("ab")),
            arr(ExtremeDatum.MAX),
            BoolDatum.FALSE,
            BoolDatum.TRUE,
            NullDatum.INSTANCE,
            n(-Double.MAX_VALUE),
            n(-1e100),
            n(-2),
            n(-1.5),
            n(-1),
            n(-Double.MIN_VALUE),
            n(0),
            n(Double.MIN_VALUE),
            n(1e-300),
            n(0.5),
            n(1),
            n(2),
            n(9007199254740992.0),
            n(1e300),
            n(Double.MAX_VALUE),
            obj(),
            obj("", n(0)),
            obj("\0", n(0)),
            obj("a", NullDatum.INSTANCE),
            obj("a", n(1)),
            obj("a", n(1), "b", n(0)),
            obj("a", n(2)),
            obj("a", s("x")),
            obj("aa", n(0)),
            obj("b", arr()),
            bin(),
            bin(0),
            bin(0, 0),
            bin(0, 1),
            bin(1),
            bin(0x7F),
            bin(0x80),
            bin(0xFF),
            bin(0xFF, 0xFF),
            obj("$reql_type$", s("GEOMETRY"), "coordinates", arr(n(0), n(0)), "type", s("Point")),
            obj("$reql_type$", s("GEOMETRY"), "coordinates", arr(n(1), n(0)), "type", s("Point")),
            new TimeDatum(-1e10, TimeDatum.UTC),
            new TimeDatum(-0.5, TimeDatum.UTC),
            new TimeDatum(0, TimeDatum.UTC),
            new TimeDatum(1.25, TimeDatum.UTC),
            new TimeDatum(1.7e9, TimeDatum.UTC),
            s(""),
            s("\0"),
            s("\0\0"),
            s("\0a"),
            s("\u0001"),
            s("A"),
            s("a"),
            s("a\0"),
            s("a\u0001"),
            s("aa"),
            s("ab"),
            s("b"),
            s("\u007F"),
            s("\u0080"),
            s("é"),
            s("\u07FF"),
            s("\u0800"),
            s("\uD7FF"),
            s("\uD800"),              // a lone surrogate still sorts by code point
            s("\uDBFF\uDBFF"),
            s("\uDFFF"),
            s("\uE000"),
            s("\uFFFF"),
            s("\uD83D\uDE00"),        // U+1F600, after every BMP character
            s("\uDBFF\uDFFF"),        // U+10FFFF
            ExtremeDatum.MAX);

    @Test
    void orderedList_isAscendingInMemoryAndEncoded() {
        List<byte[]> encoded = ORDERED.stream().map(KeyEncoding::encode).toList();
        for (int i = 0; i < ORDERED.size(); i++) {
            for (int j = 0; j < ORDERED.size(); j++) {
                int expected = Integer.signum(Integer.compare(i, j));
                Datum a = ORDERED.get(i);
                Datum b = ORDERED.get(j);
                assertThat(Integer.signum(DatumOrder.compare(a, b)))
                        .as("DatumOrder %s vs %s", a, b).isEqualTo(expected);
                assertThat(Integer.signum(Arrays.compareUnsigned(encoded.get(i), encoded.get(j))))
                        .as("encoded %s vs %s", a, b).isEqualTo(expected);
            }
        }
    }

    @Test
    void decode_returnsAnEqualValue() {
        for (Datum d : ORDERED) {
            byte[] e = KeyEncoding.encode(d);
            Datum back = KeyEncoding.decode(e);
            if (d instanceof ExtremeDatum) {
                assertThat(back).isSameAs(d);
            } else {
                assertThat(back).as("round trip of %s", d).isEqualTo(d);
                assertThat(back.type()).isEqualTo(d.type());
            }
            assertThat(KeyEncoding.skip(e, 0)).as("skip %s", d).isEqualTo(e.length);
        }
    }

    @Test
    void negativeZero_encodesAsZero() {
        assertThat(KeyEncoding.encode(n(-0.0))).isEqualTo(KeyEncoding.encode(n(0.0)));
    }

    @Test
    void time_ordersByInstantOnly() {
        byte[] utc = KeyEncoding.encode(new TimeDatum(100, TimeDatum.UTC));
        byte[] plus = KeyEncoding.encode(new TimeDatum(100, "+02:00"));
        assertThat(utc).isEqualTo(plus);
    }

    /** A fuzzing find: DatumOrder told a time at -0.0 from one at 0.0, the key encoding did not. */
    @Test
    void time_atNegativeZero_isTheInstantZero() {
        TimeDatum negative = new TimeDatum(-0.0, TimeDatum.UTC);
        TimeDatum zero = new TimeDatum(0.0, TimeDatum.UTC);
        assertThat(DatumOrder.compare(negative, zero)).isZero();
        assertThat(KeyEncoding.encode(negative)).isEqualTo(KeyEncoding.encode(zero));
        assertThat(DatumOrder.compare(KeyEncoding.decode(KeyEncoding.encode(negative)), negative)).isZero();
    }

    @Test
    void concatenatedValues_splitBySkip() {
        ByteBuilder out = new ByteBuilder();
        for (Datum d : ORDERED) {
            KeyEncoding.encode(d, out);
        }
        byte[] all = out.toByteArray();
        int pos = 0;
        for (Datum d : ORDERED) {
            Datum back = KeyEncoding.decode(all, pos);
            if (!(d instanceof ExtremeDatum)) {
                assertThat(back).isEqualTo(d);
            }
            pos = KeyEncoding.skip(all, pos);
        }
        assertThat(pos).isEqualTo(all.length);
    }

    @Test
    void randomValues_encodedOrderMatchesDatumOrder() {
        long seed = System.nanoTime();
        Random random = new Random(seed);
        List<Datum> values = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            values.add(randomDatum(random, 3));
        }
        for (Datum a : values) {
            byte[] ea = KeyEncoding.encode(a);
            assertThat(KeyEncoding.decode(ea)).as("seed %d: %s", seed, a).isEqualTo(a);
            for (Datum b : values) {
                assertThat(Integer.signum(Arrays.compareUnsigned(ea, KeyEncoding.encode(b))))
                        .as("seed %d: %s vs %s", seed, a, b)
                        .isEqualTo(Integer.signum(DatumOrder.compare(a, b)));
            }
        }
    }

    private static Datum randomDatum(Random r, int depth) {
        int kind = r.nextInt(depth > 0 ? 9 : 7);
        return switch (kind) {
            case 0 -> NullDatum.INSTANCE;
            case 1 -> BoolDatum.of(r.nextBoolean());
            case 2 -> n(r.nextBoolean() ? r.nextInt(5) - 2 : r.nextGaussian() * 1e6);
            case 3 -> s(randomString(r));
            case 4 -> new TimeDatum(r.nextInt(3) * 1000.5, TimeDatum.UTC);
            case 5 -> bin(r.nextInt(3), r.nextInt(2) * 255);
            case 6 -> s(randomString(r) + randomString(r));
            case 7 -> {
                Datum[] items = new Datum[r.nextInt(3)];
                for (int i = 0; i < items.length; i++) {
                    items[i] = randomDatum(r, depth - 1);
                }
                yield arr(items);
            }
            default -> {
                Object[] kv = new Object[2 * r.nextInt(3)];
                for (int i = 0; i < kv.length; i += 2) {
                    kv[i] = randomString(r);
                    kv[i + 1] = randomDatum(r, depth - 1);
                }
                yield obj(kv);
            }
        };
    }

    private static String randomString(Random r) {
        String alphabet = "\0ab\u00e9\uD800\uFFFF";
        StringBuilder sb = new StringBuilder();
        int len = r.nextInt(3);
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(r.nextInt(alphabet.length())));
        }
        if (r.nextInt(8) == 0) {
            sb.appendCodePoint(0x1F600);
        }
        return sb.toString();
    }
}

package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.reqldb.datum.ByteBuilder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Every datum type tag of {@code serialize_datum.cc}, legacy and current forms, as JSON text. */
class DatumTextTest {
    private static String json(Out datum) {
        ByteBuilder out = new ByteBuilder();
        DatumText.write(new Serial(datum.toBytes()), out);
        return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }

    @Test
    void scalars() {
        assertThat(json(new Out().u8(3))).isEqualTo("null");
        assertThat(json(new Out().u8(2).u8(1))).isEqualTo("true");
        assertThat(json(new Out().u8(2).u8(0))).isEqualTo("false");
        assertThat(json(new Out().u8(4).f64(1.5))).isEqualTo("1.5");
        assertThat(json(new Out().u8(4).f64(1e-7))).isEqualTo("1e-7");
        assertThat(json(new Out().u8(8).varint(9007199254740992L))).isEqualTo("9007199254740992");
        assertThat(json(new Out().u8(7).varint(42))).isEqualTo("-42");
        assertThat(json(new Out().u8(7).varint(0))).isEqualTo("-0.0");
    }

    @Test
    void strings_areEscapedAsTheServerEscapesThem() {
        assertThat(json(new Out().u8(6).string("a\"b\\\n\té"))).isEqualTo("\"a\\\"b\\\\\\n\\té\"");
        assertThat(json(new Out().u8(6).string("😀"))).isEqualTo("\"\\uD83D\\uDE00\"");
    }

    @Test
    void binary_isTheRawPseudoType() {
        assertThat(json(new Out().u8(9).varint(3).ascii("abc")))
                .isEqualTo("{\"$reql_type$\":\"BINARY\",\"data\":\"YWJj\"}");
    }

    @Test
    void legacyArrayAndObject() {
        assertThat(json(new Out().u8(1).varint(2).u8(3).u8(8).varint(5))).isEqualTo("[null,5]");
        assertThat(json(new Out().u8(5).varint(2).string("a").u8(3).string("b").u8(2).u8(1)))
                .isEqualTo("{\"a\":null,\"b\":true}");
    }

    @Test
    void bufferedArray_skipsItsOffsetTable() {
        // [1, "xy"]: varint inner size, count, one 8-bit offset (to the second element), elements.
        Out elements = new Out().u8(8).varint(1).u8(6).string("xy");
        Out inner = new Out().varint(2).u8(2).bytes(elements.toBytes());
        assertThat(json(new Out().u8(10).varint(inner.size()).bytes(inner.toBytes()))).isEqualTo("[1,\"xy\"]");
    }

    @Test
    void bufferedObject_withSixteenBitOffsets() {
        // An inner size above 255 makes the offsets 16-bit wide.
        String big = "x".repeat(300);
        Out pairs = new Out().string("a").u8(6).string(big).string("b").u8(3);
        Out inner = new Out().varint(2).i16(pairs.size() - 2).bytes(pairs.toBytes());
        assertThat(inner.size()).isGreaterThan(255);
        assertThat(json(new Out().u8(11).varint(inner.size()).bytes(inner.toBytes())))
                .isEqualTo("{\"a\":\"" + big + "\",\"b\":null}");
    }

    @Test
    void offsetWidths_followTheInnerSize() {
        assertThat(DatumText.offsetWidth(255)).isEqualTo(1);
        assertThat(DatumText.offsetWidth(256)).isEqualTo(2);
        assertThat(DatumText.offsetWidth(65536)).isEqualTo(4);
        assertThat(DatumText.offsetWidth(1L << 32)).isEqualTo(8);
    }

    @Test
    void timesAndGeometry_areObjectsAsStored() {
        Out time = new Out().u8(5).varint(3).string("$reql_type$").u8(6).string("TIME").string("epoch_time").u8(4)
                .f64(1.5e9).string("timezone").u8(6).string("+05:30");
        assertThat(json(time)).isEqualTo("{\"$reql_type$\":\"TIME\",\"epoch_time\":1500000000,\"timezone\":\"+05:30\"}");
    }

    /** {@code levels} legacy arrays of one element around a null. */
    private static Out nested(int levels) {
        Out out = new Out();
        for (int i = 0; i < levels; i++) {
            out.u8(1).varint(1);
        }
        return out.u8(3);
    }

    @Test
    void nestingAsDeepAsTheServerAllows_reads_deeperIsDamage() throws Exception {
        int limit = io.reqldb.datum.DatumJson.MAX_NESTING_DEPTH;
        String[] json = new String[1];
        Throwable[] failure = new Throwable[1];
        Thread t = io.reqldb.datum.DeepStackThreads.daemons("deep-test").newThread(() -> {
            json[0] = json(nested(limit));
            try {
                json(nested(limit + 1));
            } catch (RethinkDataException e) {
                failure[0] = e;
            }
        });
        t.start();
        t.join();
        // Compared by its parts: a failure message would print all of it.
        assertThat(json[0].length()).isEqualTo(2 * limit + 4);
        assertThat(json[0].indexOf("[null]")).isEqualTo(limit - 1);
        assertThat(failure[0]).hasMessageContaining("nested more than " + limit + " levels deep");
    }

    @Test
    void badInput_isReportedNotCrashed() {
        assertThatThrownBy(() -> json(new Out().u8(13))).hasMessageContaining("type tag 13");
        assertThatThrownBy(() -> json(new Out().u8(6).varint(10).ascii("ab"))).hasMessageContaining("exceeds the 2 bytes left");
        assertThatThrownBy(() -> json(new Out().u8(8).varint(1L << 60))).hasMessageContaining("2^53");
    }
}

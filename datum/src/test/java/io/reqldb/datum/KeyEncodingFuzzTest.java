package io.reqldb.datum;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.util.Arrays;

/**
 * The key encoding's promises over any two values: decoding gives back an equal value, the
 * encoding is self-delimiting, and unsigned byte order is RethinkDB's order ({@link DatumOrder}).
 */
class KeyEncodingFuzzTest {
    @FuzzTest
    void roundTripsAndKeepsOrder(FuzzedDataProvider data) {
        Datum a = FuzzedDatums.next(data, 3);
        Datum b = FuzzedDatums.next(data, 3);
        byte[] ea = KeyEncoding.encode(a);
        byte[] eb = KeyEncoding.encode(b);

        assertThat(DatumOrder.compare(KeyEncoding.decode(ea), a)).as("decode(encode(%s))", a).isZero();
        assertThat(KeyEncoding.encode(KeyEncoding.decode(ea))).as("encode(decode(encode(%s)))", a).isEqualTo(ea);
        assertThat(Integer.signum(Arrays.compareUnsigned(ea, eb)))
                .as("key order of %s and %s", a, b)
                .isEqualTo(Integer.signum(DatumOrder.compare(a, b)));

        byte[] both = Arrays.copyOf(ea, ea.length + eb.length);
        System.arraycopy(eb, 0, both, ea.length, eb.length);
        assertThat(KeyEncoding.skip(both, 0)).isEqualTo(ea.length);
        assertThat(KeyEncoding.skip(both, ea.length)).isEqualTo(both.length);
        assertThat(DatumOrder.compare(KeyEncoding.decode(both, ea.length), b)).isZero();
    }
}

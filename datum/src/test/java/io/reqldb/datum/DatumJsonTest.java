package io.reqldb.datum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DatumJsonTest {

    @Test
    void numbersPrintAsRethinkDbPrintsThem() {
        assertThat(DatumJson.formatNumber(1)).isEqualTo("1");
        assertThat(DatumJson.formatNumber(-0.0)).isEqualTo("-0.0");
        assertThat(DatumJson.formatNumber(0.1)).isEqualTo("0.1");
        assertThat(DatumJson.formatNumber(9007199254740992.0)).isEqualTo("9007199254740992");
        assertThat(DatumJson.formatNumber(Math.pow(2, 60))).isEqualTo("1152921504606847000.0");
        assertThat(DatumJson.formatNumber(1e21)).isEqualTo("1e21");
        assertThat(DatumJson.formatNumber(1.5e-7)).isEqualTo("1.5e-7");
        assertThat(DatumJson.formatNumber(1e-6)).isEqualTo("0.000001");
        assertThat(DatumJson.formatNumber(-123.456)).isEqualTo("-123.456");
    }

    /** A shared object's JSON is written once and reused, identical to an ordinary object's, in any position. */
    @Test
    void sharedObjectWritesTheSameJsonEveryTime() throws IOException {
        ObjectDatum plain = (ObjectDatum) DatumJson.parse("{\"new_val\":{\"id\":1,\"s\":\"é\\\"\"},\"old_val\":null}");
        ObjectDatum shared = ObjectDatum.wrapShared(plain.toMutableMap());
        String expected = DatumJson.write(plain);
        assertThat(DatumJson.write(shared)).isEqualTo(expected);
        assertThat(DatumJson.write(shared)).isEqualTo(expected);
        ArrayDatum both = ArrayDatum.wrap(java.util.List.of(shared, plain, shared));
        assertThat(DatumJson.write(both)).isEqualTo("[" + expected + "," + expected + "," + expected + "]");
        assertThat(shared).isEqualTo(plain);
        // As the server writes responses: UTF-8 bytes to a stream.
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (JsonGenerator g = DatumJson.FACTORY.createGenerator(bytes)) {
            DatumJson.write(g, both);
        }
        assertThat(bytes.toString(StandardCharsets.UTF_8)).isEqualTo(DatumJson.write(both));
    }

    @Test
    void pseudoTypesRoundTrip() {
        String time = "{\"$reql_type$\":\"TIME\",\"epoch_time\":1.5,\"timezone\":\"+01:00\"}";
        Datum t = DatumJson.parse(time);
        assertThat(t).isInstanceOf(TimeDatum.class);
        assertThat(DatumJson.write(t)).isEqualTo(time);

        Datum b = DatumJson.parse("{\"$reql_type$\":\"BINARY\",\"data\":\"AAEC\"}");
        assertThat(((BinaryDatum) b).bytes()).containsExactly(0, 1, 2);
        assertThat(DatumJson.write(b)).isEqualTo("{\"$reql_type$\":\"BINARY\",\"data\":\"AAEC\"}");
    }

    @Test
    void binaryIsWrittenWithMimeLineBreaksLikeRethinkDb() {
        String json = DatumJson.write(BinaryDatum.wrap(new byte[100]));
        assertThat(json).contains("\\r\\n");
    }

    @Test
    void objectKeysAreSortedByCodePoint() {
        assertThat(DatumJson.write(DatumJson.parse("{\"b\":1,\"a\":2,\"\uD83D\uDE00\":3,\"\uFFFD\":4}")))
                .isEqualTo("{\"a\":2,\"b\":1,\"\uFFFD\":4,\"\uD83D\uDE00\":3}");
    }

    /** A fuzzing find: 1e999 read as infinity, which then could not be written ("Infinity" is not JSON). */
    @Test
    void numbersBeyondDoubleAreRefusedAsRapidjsonRefusesThem() {
        assertThatThrownBy(() -> DatumJson.parse("[1,5e123456789]"))
                .isInstanceOf(DatumJson.DatumJsonException.class)
                .hasMessage("Number too big to be stored in double.");
        assertThatThrownBy(() -> DatumJson.parse("-1" + "0".repeat(400)))
                .isInstanceOf(DatumJson.DatumJsonException.class);
        assertThat(DatumJson.parse("1e-400")).isEqualTo(NumberDatum.of(0));
    }
}

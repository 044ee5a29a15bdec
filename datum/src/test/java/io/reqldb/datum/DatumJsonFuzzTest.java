package io.reqldb.datum;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Any bytes either parse as a value or fail with {@link DatumJson.DatumJsonException}; a parsed
 * value writes as JSON that reads back to an equal value and writes the same text again.
 */
class DatumJsonFuzzTest {
    @FuzzTest
    void parsesOrRefusesAndRoundTrips(byte[] json) {
        Datum parsed;
        try {
            parsed = DatumJson.parse(json);
        } catch (DatumJson.DatumJsonException expected) {
            return;
        }
        String written = DatumJson.write(parsed);
        Datum again = DatumJson.parse(written);
        assertThat(DatumOrder.compare(again, parsed)).as("%s read back from %s", again, written).isZero();
        assertThat(DatumJson.write(again)).isEqualTo(written);
    }
}

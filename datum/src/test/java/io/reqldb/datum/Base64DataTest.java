package io.reqldb.datum;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** BINARY data read as RethinkDB reads it; the failures were fuzzing finds (an undeclared IllegalArgumentException). */
class Base64DataTest {
    private static Datum binary(String data) {
        return DatumJson.parse("{\"$reql_type$\":\"BINARY\",\"data\":\"" + data + "\"}");
    }

    @Test
    void paddingMayBeMissingAndWhitespaceIsSkipped() {
        assertThat(((BinaryDatum) binary("AAEC/w==")).bytes()).containsExactly(0, 1, 2, 0xFF);
        assertThat(((BinaryDatum) binary("AAEC/w")).bytes()).containsExactly(0, 1, 2, 0xFF);
        assertThat(((BinaryDatum) binary("AA EC\\r\\n/w=\\t=")).bytes()).containsExactly(0, 1, 2, 0xFF);
        assertThat(((BinaryDatum) binary("")).bytes()).isEmpty();
    }

    @Test
    void aLoneTrailingCharacterIsRefusedWithRethinkDbsMessage() {
        assertThatThrownBy(() -> binary("AAECB"))
                .isInstanceOf(DatumJson.DatumJsonException.class)
                .hasMessage("Invalid base64 length: 1 character remaining, cannot decode a full byte.");
    }

    @Test
    void charactersOutsideTheAlphabetAreRefused() {
        assertThatThrownBy(() -> binary("AA@A"))
                .isInstanceOf(DatumJson.DatumJsonException.class)
                .hasMessage("Invalid base64 character found: '@'.");
    }

    @Test
    void dataAfterPaddingIsRefused() {
        assertThatThrownBy(() -> binary("AA==AA"))
                .isInstanceOf(DatumJson.DatumJsonException.class)
                .hasMessage("Invalid base64 format, data found after padding character '='.");
    }
}

package io.reqldb.tools.format;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.utils.Internals;
import io.reqldb.tools.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Rewriting a server's JSON text must give what decoding it with the driver and {@link PyJson} gives. */
class PyJsonRewriterTest {
    @ParameterizedTest
    @MethodSource("io.reqldb.tools.format.FixtureBytesTest#tables")
    void fixtureRows_asAServerSendsThem_rewriteToTheOfficialBytes(String table) throws IOException {
        Path file = Fixtures.rethinkdb244().resolve("export-json/" + table + ".json");
        for (Map<String, Object> row : FixtureBytesTest.readAll(file)) {
            byte[] compact = Internals.getInternalMapper().writeValueAsBytes(row); // raw UTF-8, no spaces
            assertThat(rewrite(compact)).isEqualTo(PyJson.encode(row));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "{}", "[]", "[[],{},[{}]]",
        "{\"a\":1,\"b\":-2,\"c\":-0,\"d\":9223372036854775807,\"e\":-9223372036854775808}",
        "[1.0,1.5,-0.0,1e5,1E+300,2.5e-7,0.1,100000000000000000000.0,1.7976931348623157e308,5e-324]",
        "{\"t\":true,\"f\":false,\"n\":null}",
        "[\"plain\",\"quote \\\" backslash \\\\ slash \\/ \",\"\\b\\f\\n\\r\\t\",\"\\u0000\\u001f\\u007f\\u0041\\u00e9\"]",
        "[\"\\ud83d\\ude00 escaped pair\",\"\\uFFFF upper hex\"]",
        "[\"caf\u00e9 \u20ac \u4e2d \uD83D\uDE00 raw UTF-8\", \"\u007f del\"]",
        " {\"spaced\" : [ 1 , 2 ] }",
        "{\"$reql_type$\":\"TIME\",\"epoch_time\":1595021505,\"timezone\":\"+00:00\"}",
    })
    void values_rewriteAsDecodedThenEncoded(String json) throws IOException {
        String trimmed = json.strip();
        Object decoded = Internals.getInternalMapper().readValue(trimmed, Object.class);
        assertThat(rewrite(trimmed.getBytes(StandardCharsets.UTF_8))).isEqualTo(PyJson.encode(decoded));
    }

    @Test
    void strings_withASpecialByteAtAnyPlaceOfAnEightByteWord_rewriteAsDecodedThenEncoded() throws IOException {
        // The plain-run scan reads eight bytes at a time; every special byte must stop it wherever it falls.
        String[] specials = {"\\\"", "\\\\", "\\n", "\\u0001", "\u007f", "\u00e9", "\u20ac", "\uD83D\uDE00", "~", " "};
        for (String special : specials) {
            for (int before = 0; before < 20; before++) {
                for (int after = 0; after < 10; after++) {
                    String json = "[\"" + "a".repeat(before) + special + "b".repeat(after) + "\",\""
                            + "c".repeat(before) + "\"]";
                    Object decoded = Internals.getInternalMapper().readValue(json, Object.class);
                    assertThat(rewrite(json.getBytes(StandardCharsets.UTF_8))).as(json)
                            .isEqualTo(PyJson.encode(decoded));
                }
            }
        }
    }

    @Test
    void rewrite_stopsAfterTheValueAndSaysWhere() throws IOException {
        byte[] text = "[{\"a\":[1,2]},{\"b\":{}}]".getBytes(StandardCharsets.US_ASCII);
        AsciiBuffer out = new AsciiBuffer(16);
        int end = PyJsonRewriter.rewrite(text, 1, out);
        assertThat(out.toString()).isEqualTo("{\"a\": [1, 2]}");
        assertThat(text[end]).isEqualTo((byte) ',');
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"a\":tru}", "{\"a\":\"cut", "{\"a\":\"cut short after more than eight bytes",
        "{\"a\":[1,2", "{\"a\":\"\\x\"}", "{\"a\":\"\\u12g4\"}", "7", "{\"a\":#}"})
    void malformedText_isAnError(String json) {
        assertThatThrownBy(() -> rewrite(json.getBytes(StandardCharsets.UTF_8))).isInstanceOf(IOException.class);
    }

    @Test
    void invalidUtf8_isAnError() {
        byte[] text = {'[', '"', (byte) 0xc3, '"', ']'};
        assertThatThrownBy(() -> rewrite(text)).isInstanceOf(IOException.class);
        byte[] surrogate = {'[', '"', (byte) 0xed, (byte) 0xa0, (byte) 0x80, '"', ']'};
        assertThatThrownBy(() -> rewrite(surrogate)).isInstanceOf(IOException.class);
    }

    private static String rewrite(byte[] text) throws IOException {
        AsciiBuffer out = new AsciiBuffer(16);
        int end = PyJsonRewriter.rewrite(text, 0, out);
        assertThat(end).isEqualTo(text.length);
        return out.toString();
    }
}

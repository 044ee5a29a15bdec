package io.reqldb.storage.rocksdb;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.datum.KeyEncoding;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * The byte examples below follow the format documentation in {@link Keys}, {@link DocumentCodec}
 * and {@link KeyEncoding}. If one fails, data-directory format 2 changed: that needs a new format
 * number and a migration step ({@link Formats}), not a new expected value.
 */
class FormatExampleTest {
    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    @Test
    void documentKey_tableNumberThenEncodedPrimaryKey() {
        assertThat(hex(Keys.document(7, KeyEncoding.encode(Docs.str("a"))))).isEqualTo("00000007" + "a0" + "61" + "0001");
        assertThat(hex(KeyEncoding.encode(Docs.num(1)))).isEqualTo("50" + "bff0000000000000");
        assertThat(hex(KeyEncoding.encode(Docs.num(-1)))).isEqualTo("50" + "400fffffffffffff");
        assertThat(hex(KeyEncoding.encode(Docs.json("[true,null]")))).isEqualTo("20" + "31" + "40" + "00");
    }

    @Test
    void indexEntry_tableIndexValuePrimaryKey() {
        assertThat(hex(Keys.indexEntry(7, 9, Docs.json("{'k':false}"), KeyEncoding.encode(Docs.json("null")))))
                .isEqualTo("00000007" + "00000009" + "60" + "01" + "6b0001" + "30" + "00" + "40");
    }

    @Test
    void document_taggedBinary() {
        assertThat(hex(DocumentCodec.encode(Docs.json("{'id':-2,'s':'x','d':0.5,'n':7}"))))
                .isEqualTo("07" + "04" + "0164" + "04" + "3fe0000000000000" + "026964" + "03" + "03" + "016e" + "47"
                        + "0173" + "81" + "78");
    }

    @Test
    void document_format1TagsStillDecode() {
        assertThat(DocumentCodec.decode(HexFormat.of().parseHex("07030164043fe000000000000002696403030173050178")))
                .isEqualTo(Docs.json("{'id':-2,'s':'x','d':0.5}"));
    }

    @Test
    void indexEntry_version2AddsTheZonesOfTimesAfterThePrimaryKey() {
        io.reqldb.datum.Datum t = new io.reqldb.datum.TimeDatum(0, "+02:00");
        byte[] pk = KeyEncoding.encode(Docs.num(1));
        String v1 = hex(Keys.indexEntry(7, 9, t, pk, 1));
        assertThat(v1).isEqualTo("00000007" + "00000009" + "90" + "8000000000000000" + "50" + "bff0000000000000");
        assertThat(hex(Keys.indexEntry(7, 9, t, pk, 2)))
                .isEqualTo(v1 + "20" + "a0" + "2b30323a3030" + "0001" + "00");
        assertThat(Keys.indexValue(Keys.indexEntry(7, 9, t, pk, 2))).isEqualTo(t)
                .extracting(d -> ((io.reqldb.datum.TimeDatum) d).timezone()).isEqualTo("+02:00");
        assertThat(hex(Keys.indexEntry(7, 9, Docs.num(1), pk, 2))).isEqualTo(hex(Keys.indexEntry(7, 9, Docs.num(1), pk, 1)));
    }

    @Test
    void catalogKeys_numberedPrefixes() {
        assertThat(hex(Keys.count(7))).isEqualTo("0400000007");
        assertThat(hex(Keys.index(7, 9))).isEqualTo("030000000700000009");
        assertThat(hex(Keys.nextNumber())).isEqualTo("05");
    }
}

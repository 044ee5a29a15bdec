package io.reqldb.datum;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DatumPrinterTest {
    @Test
    void printsWithTabsAsRethinkDbErrorMessagesDo() {
        assertThat(DatumPrinter.print(DatumJson.parse("{\"foo\":3,\"id\":1}")))
                .isEqualTo("{\n\t\"foo\":\t3,\n\t\"id\":\t1\n}");
        assertThat(DatumPrinter.print(DatumJson.parse("[1,[2],{}]")))
                .isEqualTo("[\n\t1,\n\t[\n\t\t2\n\t],\n\t{}\n]");
    }

    @Test
    void truncatesLongValues() {
        String s = DatumPrinter.truncated(new StringDatum("x".repeat(400)));
        assertThat(s).hasSize(300).endsWith("...");
    }
}

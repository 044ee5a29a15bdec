package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StaticHeaderTest {
    static byte[] header(String software, String version, long blockSize, long extentSize) {
        Out out = new Out().ascii(software);
        byte[] b = out.padded(512);
        byte[] v = version.getBytes();
        System.arraycopy(v, 0, b, 16, v.length);
        byte[] sizes = new Out().i64(blockSize).i64(extentSize).toBytes();
        System.arraycopy(sizes, 0, b, 32, sizes.length);
        return b;
    }

    @Test
    void parse_readsVersionAndSizes() {
        StaticHeader h = StaticHeader.parse(header("RethinkDB", "2.2", 4096, 2 << 20));
        assertThat(h.version()).isEqualTo("2.2");
        assertThat(h.blockSize()).isEqualTo(4096);
        assertThat(h.extentSize()).isEqualTo(2 << 20);
        assertThat(StaticHeader.parse(header("RethinkDB", "1.13", 4096, 2 << 20)).version()).isEqualTo("1.13");
    }

    @Test
    void parse_notRethinkDb_isRefused() {
        assertThatThrownBy(() -> StaticHeader.parse(header("SQLite", "2.2", 4096, 2 << 20)))
                .hasMessageContaining("not a RethinkDB file");
    }

    @Test
    void parse_unknownSerializerVersion_isRefused() {
        assertThatThrownBy(() -> StaticHeader.parse(header("RethinkDB", "1.12", 4096, 2 << 20)))
                .hasMessageContaining("serializer version \"1.12\"");
    }

    @Test
    void parse_truncated_saysSo() {
        assertThatThrownBy(() -> StaticHeader.parse(new byte[100])).hasMessageContaining("shorter than");
    }

    @Test
    void parse_implausibleSizes_areRefused() {
        assertThatThrownBy(() -> StaticHeader.parse(header("RethinkDB", "2.2", 4096, 1000)))
                .hasMessageContaining("implausible");
    }
}

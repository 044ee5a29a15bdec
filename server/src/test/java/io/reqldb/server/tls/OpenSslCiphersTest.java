package io.reqldb.server.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** OpenSSL cipher lists read over Java's suite names, as {@code openssl ciphers} would select. */
class OpenSslCiphersTest {
    private static final List<String> JAVA = List.of(
            "TLS_AES_256_GCM_SHA384",
            "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
            "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256",
            "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_DHE_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
            "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA",
            "TLS_RSA_WITH_AES_128_GCM_SHA256",
            "TLS_RSA_WITH_AES_256_CBC_SHA",
            "TLS_EMPTY_RENEGOTIATION_INFO_SCSV");

    @Test
    void rethinkDbDefault_isEcdheWithAesGcm() {
        assertThat(OpenSslCiphers.select(OpenSslCiphers.RETHINKDB_DEFAULT, JAVA)).containsExactly(
                "TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384", "TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384",
                "TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void openSslNames_mapToJavaNames() {
        assertThat(OpenSslCiphers.describe("TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256").openssl())
                .isEqualTo("ECDHE-RSA-AES128-GCM-SHA256");
        assertThat(OpenSslCiphers.describe("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256").openssl())
                .isEqualTo("ECDHE-RSA-CHACHA20-POLY1305");
        assertThat(OpenSslCiphers.describe("TLS_RSA_WITH_AES_256_CBC_SHA").openssl()).isEqualTo("AES256-SHA");
        assertThat(OpenSslCiphers.describe("TLS_DHE_RSA_WITH_AES_128_GCM_SHA256").openssl())
                .isEqualTo("DHE-RSA-AES128-GCM-SHA256");
        assertThat(OpenSslCiphers.select("ECDHE-RSA-CHACHA20-POLY1305:TLS_RSA_WITH_AES_256_CBC_SHA", JAVA))
                .containsExactly("TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256", "TLS_RSA_WITH_AES_256_CBC_SHA");
    }

    @Test
    void operators_removeBanAndMove() {
        assertThat(OpenSslCiphers.select("HIGH:!kRSA:!SHA1:-AESGCM:+CHACHA20", JAVA)).containsExactly(
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256", "TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305_SHA256");
        assertThat(OpenSslCiphers.select("aRSA+AES128 @STRENGTH, !DHE", JAVA)).containsExactly(
                "TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256",
                "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA", "TLS_RSA_WITH_AES_128_GCM_SHA256");
    }

    @Test
    void aListSelectingNothing_isRefused() {
        assertThatThrownBy(() -> OpenSslCiphers.select("RC4:!ALL", JAVA))
                .hasMessageStartingWith("No secure cipher suites available");
    }
}

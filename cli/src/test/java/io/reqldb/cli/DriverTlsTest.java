package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import io.reqldb.server.tls.DriverTls;
import io.reqldb.tools.conn.TlsSocketFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS on the client driver port with RethinkDB's options, through the official Java driver, the
 * toolkit's {@code --tls-cert} and a bare JSSE socket (to see the negotiated protocol and suite).
 */
class DriverTlsTest {
    private static final RethinkDB r = RethinkDB.r;

    @TempDir
    static Path certDir;
    static TestCertificates certs;

    @TempDir
    Path tmp;

    private final ServeHarness serve = new ServeHarness();

    @BeforeAll
    static void makeCertificates() throws Exception {
        certs = new TestCertificates(certDir);
    }

    private ServeCommand.Running tlsServer(String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("--directory", tmp.resolve("data").toString(), "--driver-port", "0",
                "--driver-tls-key", certs.serverKey.toString(), "--driver-tls-cert", certs.serverCert.toString()));
        args.addAll(List.of(extra));
        ServeCommand.Running running = serve.start(args.toArray(new String[0]));
        assertThat(running).as(serve.err()).isNotNull();
        return running;
    }

    /**
     * The official driver, with the toolkit's socket factory: driver 2.4.4's own TLS socket cannot
     * finish the V1_0 handshake with any server (see {@link TlsSocketFactory}).
     */
    private static Connection.Builder driver(ServeCommand.Running s) {
        return r.connection().hostname("127.0.0.1").port(s.server().port()).timeout(10_000L)
                .socketFactory(TlsSocketFactory.INSTANCE);
    }

    @Test
    void officialDriver_withTheCaAsCertFile_runsQueries() throws Exception {
        try (ServeCommand.Running s = tlsServer();
             Connection c = driver(s).certFile(certs.caCert.toFile()).connect()) {
            assertThat((Object) r.expr(41).add(1).run(c, Long.class).single()).isEqualTo(42L);
        }
    }

    @Test
    void plainConnection_toATlsPort_fails() throws Exception {
        try (ServeCommand.Running s = tlsServer()) {
            assertThatThrownBy(() -> driver(s).connect().close()).isInstanceOf(RuntimeException.class);
        }
    }

    @Test
    void driverTlsCa_requiresAClientCertificateItSigned() throws Exception {
        try (ServeCommand.Running s = tlsServer("--driver-tls-ca", certs.caCert.toString())) {
            SSLContext anonymous = certs.clientContext(false);
            assertThatThrownBy(() -> {
                try (Connection c = driver(s).sslContext(anonymous).connect()) {
                    r.expr(1).run(c);
                }
            }).isInstanceOf(RuntimeException.class);
            try (Connection c = driver(s).sslContext(certs.clientContext(true)).connect()) {
                assertThat((Object) r.expr("ok").run(c, String.class).single()).isEqualTo("ok");
            }
        }
    }

    @Test
    void toolkitDump_withTlsCert_readsATlsServer() throws Exception {
        Path archive = tmp.resolve("backup.tar.gz");
        try (ServeCommand.Running s = tlsServer()) {
            try (Connection c = driver(s).certFile(certs.caCert.toFile()).connect()) {
                r.dbCreate("app").run(c);
                r.db("app").tableCreate("users").run(c);
                r.db("app").table("users").insert(r.array(r.hashMap("id", 1), r.hashMap("id", 2))).run(c);
            }
            String host = "127.0.0.1:" + s.server().port();
            assertThat(ReqlDbCommand.run("dump", "-c", host, "--tls-cert", certs.caCert.toString(), "-f",
                    archive.toString(), "--quiet")).isZero();
        }
        assertThat(ReqlDbCommand.run("verify", archive.toString())).isZero();
    }

    @Test
    void defaultProtocolsAndCiphers_areRethinkDbs() throws Exception {
        try (ServeCommand.Running s = tlsServer()) {
            SSLSocket tls12 = handshake(s, "TLSv1.2", null);
            assertThat(tls12.getSession().getCipherSuite()).matches("TLS_ECDHE_RSA_WITH_AES_(128|256)_GCM_SHA(256|384)");
            tls12.close();
            assertThatThrownBy(() -> handshake(s, "TLSv1.2", "TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256"))
                    .isInstanceOf(SSLHandshakeException.class);
            assertThatThrownBy(() -> handshake(s, "TLSv1.1", null)).isInstanceOf(SSLHandshakeException.class);
        }
    }

    @Test
    void tlsCiphersAndMinProtocol_areHonoured() throws Exception {
        try (ServeCommand.Running s = tlsServer("--tls-ciphers", "ECDHE-RSA-AES128-SHA256:!AESGCM")) {
            SSLSocket socket = handshake(s, "TLSv1.2", null);
            assertThat(socket.getSession().getCipherSuite()).isEqualTo("TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA256");
            socket.close();
        }
        try (ServeCommand.Running s = tlsServer("--tls-min-protocol", "TLSv1.3")) {
            assertThatThrownBy(() -> handshake(s, "TLSv1.2", null)).isInstanceOf(SSLHandshakeException.class);
            // The official driver asks for TLSv1.2 only, so it cannot connect either.
            assertThatThrownBy(() -> driver(s).certFile(certs.caCert.toFile()).connect().close())
                    .isInstanceOf(RuntimeException.class);
            SSLSocket socket = handshake(s, "TLSv1.3", null);
            assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.3");
            socket.close();
        }
    }

    @Test
    void keysInEveryPemFormOpenSslWrites_areRead() throws Exception {
        assertThat(DriverTls.load(certs.serverKeyPkcs1(), certs.serverCert, null, null, null).cipherSuites())
                .isNotEmpty();
        Path[] ec = certs.ecKeyAndCert();
        assertThat(Files.readString(ec[0])).contains("BEGIN EC PRIVATE KEY");
        assertThat(DriverTls.load(ec[0], ec[1], null, null, null).cipherSuites())
                .contains("TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256");
        assertThatThrownBy(() -> DriverTls.load(certs.serverKey, ec[1], null, null, null))
                .hasMessage("The private key and certificate do not match.");
    }

    @Test
    void incompleteOrBadSetUps_areRefusedWithOneLine_andCreateNothing() throws Exception {
        Path data = tmp.resolve("never");
        String key = certs.serverKey.toString();
        String cert = certs.serverCert.toString();
        refused("--driver-tls-key and --driver-tls-cert must be specified together.",
                "--directory", data.toString(), "--driver-tls-key", key);
        refused("--driver-tls-key and --driver-tls-cert must be specified if --driver-tls-ca is specified.",
                "--directory", data.toString(), "--driver-tls-ca", cert);
        refused("Unrecognized TLS protocol version 'SSLv3'.", "--directory", data.toString(),
                "--driver-tls-key", key, "--driver-tls-cert", cert, "--tls-min-protocol", "SSLv3");
        refused("No secure cipher suites available: --tls-ciphers 'RC4:aNULL' selects none of the TLS 1.2 "
                + "cipher suites Java supports.", "--directory", data.toString(),
                "--driver-tls-key", key, "--driver-tls-cert", cert, "--tls-ciphers", "RC4:aNULL");
        refused(certs.caCert + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in it",
                "--directory", data.toString(), "--driver-tls-key", certs.caCert.toString(), "--driver-tls-cert", cert);
        assertThat(data).doesNotExist();
    }

    private void refused(String message, String... args) throws Exception {
        ServeHarness h = new ServeHarness();
        assertThat(h.start(args)).isNull();
        assertThat(h.err()).isEqualTo(message + System.lineSeparator());
    }

    /** A bare TLS handshake trusting the test CA, offering one protocol and optionally one suite. */
    private static SSLSocket handshake(ServeCommand.Running s, String protocol, String suite) throws Exception {
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, certs.trustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", s.server().port());
        socket.setSoTimeout(10_000);
        socket.setEnabledProtocols(new String[] {protocol});
        if (suite != null) {
            socket.setEnabledCipherSuites(new String[] {suite});
        }
        try {
            socket.startHandshake();
        } catch (Exception e) {
            socket.close();
            throw e;
        }
        return socket;
    }
}

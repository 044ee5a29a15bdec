package io.reqldb.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * Throw-away keys and certificates for TLS tests, made with the openssl commands the README's
 * Security section shows (so those commands are tested too): a CA, a server certificate for
 * localhost and 127.0.0.1 signed by it, a client certificate signed by it, and the same server
 * key in the other PEM forms OpenSSL writes. Everything lives in a temporary folder.
 */
final class TestCertificates {
    final Path dir;
    final Path caCert;
    final Path serverKey;
    final Path serverCert;
    final Path clientKeystore;

    TestCertificates(Path dir) throws IOException, InterruptedException {
        this.dir = dir;
        caCert = dir.resolve("ca.crt");
        serverKey = dir.resolve("server.key");
        serverCert = dir.resolve("server.crt");
        clientKeystore = dir.resolve("client.p12");
        openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-subj", "/CN=ReqlDB test CA",
                "-keyout", "ca.key", "-out", "ca.crt");
        signed("server", "/CN=localhost", "subjectAltName=DNS:localhost,IP:127.0.0.1");
        signed("client", "/CN=reqldb-test-client", "extendedKeyUsage=clientAuth");
        openssl("pkcs12", "-export", "-in", "client.crt", "-inkey", "client.key", "-passout", "pass:test",
                "-out", "client.p12");
    }

    /** A key and a certificate signed by the CA, as README shows for a CA-signed server cert. */
    private void signed(String name, String subject, String extension) throws IOException, InterruptedException {
        openssl("req", "-newkey", "rsa:2048", "-nodes", "-subj", subject, "-keyout", name + ".key",
                "-out", name + ".csr");
        Files.writeString(dir.resolve(name + ".ext"), extension + "\n");
        openssl("x509", "-req", "-in", name + ".csr", "-CA", "ca.crt", "-CAkey", "ca.key", "-CAcreateserial",
                "-days", "2", "-extfile", name + ".ext", "-out", name + ".crt");
    }

    /** The server key rewritten as PKCS#1 ({@code BEGIN RSA PRIVATE KEY}), as OpenSSL 1.x wrote it. */
    Path serverKeyPkcs1() throws IOException, InterruptedException {
        openssl("pkey", "-in", "server.key", "-traditional", "-out", "server-pkcs1.key");
        return dir.resolve("server-pkcs1.key");
    }

    /** A self-signed EC (P-256) key and certificate, the key in SEC1 form ({@code BEGIN EC PRIVATE KEY}). */
    Path[] ecKeyAndCert() throws IOException, InterruptedException {
        openssl("ecparam", "-name", "prime256v1", "-genkey", "-out", "ec.key");
        openssl("req", "-x509", "-new", "-key", "ec.key", "-days", "2", "-subj", "/CN=localhost", "-out", "ec.crt");
        return new Path[] {dir.resolve("ec.key"), dir.resolve("ec.crt")};
    }

    /** A client's TLS set-up trusting the test CA, presenting the client certificate when asked to. */
    SSLContext clientContext(boolean withClientCertificate) throws Exception {
        KeyManagerFactory kmf = null;
        if (withClientCertificate) {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            try (InputStream in = Files.newInputStream(clientKeystore)) {
                keys.load(in, "test".toCharArray());
            }
            kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, "test".toCharArray());
        }
        SSLContext context = SSLContext.getInstance("TLSv1.2");
        context.init(kmf == null ? null : kmf.getKeyManagers(), trustManagers(), null);
        return context;
    }

    /** Trust in the test CA only. */
    TrustManager[] trustManagers() throws Exception {
        KeyStore trust = KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        try (InputStream in = Files.newInputStream(caCert)) {
            trust.setCertificateEntry("ca", CertificateFactory.getInstance("X.509").generateCertificate(in));
        }
        TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        return tmf.getTrustManagers();
    }

    private void openssl(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process p;
        try {
            p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("the TLS tests need the openssl command (apt-get install openssl)", e);
        }
        byte[] output = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IOException(String.join(" ", command) + " failed:\n" + new String(output, StandardCharsets.UTF_8));
        }
    }
}

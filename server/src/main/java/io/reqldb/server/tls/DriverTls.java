package io.reqldb.server.tls;

import io.netty.handler.ssl.SslHandler;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS on the client driver port, configured as RethinkDB 2.4's {@code --driver-tls-key},
 * {@code --driver-tls-cert}, {@code --driver-tls-ca}, {@code --tls-min-protocol} and
 * {@code --tls-ciphers} configure it: the key and certificate chain in PEM; with a CA bundle,
 * clients must present a certificate it signed; TLS 1.2 and later by default; the server's
 * cipher order wins. Built once at start-up (so a bad file stops the start with a clear
 * message), then {@link #newHandler()} gives each connection its engine. Uses the JDK's TLS
 * (JSSE): no native library.
 */
public final class DriverTls {
    /** RethinkDB's names, oldest first; TLSv1.3 is ours (OpenSSL 1.1.1 negotiates it too). */
    private static final List<String> PROTOCOLS = List.of("TLSv1", "TLSv1.1", "TLSv1.2", "TLSv1.3");
    public static final String DEFAULT_MIN_PROTOCOL = "TLSv1.2";

    private final SSLContext context;
    private final String[] protocols;
    private final String[] cipherSuites;
    private final boolean clientCertificates;

    private DriverTls(SSLContext context, String[] protocols, String[] cipherSuites, boolean clientCertificates) {
        this.context = context;
        this.protocols = protocols;
        this.cipherSuites = cipherSuites;
        this.clientCertificates = clientCertificates;
    }

    /**
     * Reads and checks the files and options.
     *
     * @param keyFile     {@code --driver-tls-key}: the private key (PEM)
     * @param certFile    {@code --driver-tls-cert}: the certificate chain (PEM), server's first
     * @param caFile      {@code --driver-tls-ca}, or null: CA certificates clients must be signed by
     * @param minProtocol {@code --tls-min-protocol}, or null for TLSv1.2
     * @param ciphers     {@code --tls-ciphers}, an OpenSSL cipher list, or null for EECDH+AESGCM
     * @throws IllegalArgumentException with a one-line message saying what is wrong
     */
    public static DriverTls load(Path keyFile, Path certFile, Path caFile, String minProtocol, String ciphers) {
        if (keyFile == null || certFile == null) {
            throw new IllegalArgumentException(keyFile != null || certFile != null
                    ? "--driver-tls-key and --driver-tls-cert must be specified together."
                    : "--driver-tls-key and --driver-tls-cert must be specified if --driver-tls-ca is specified.");
        }
        String min = minProtocol == null ? DEFAULT_MIN_PROTOCOL : minProtocol;
        if (!PROTOCOLS.contains(min)) {
            throw new IllegalArgumentException("Unrecognized TLS protocol version '" + min + "'.");
        }
        PrivateKey key = PemFiles.privateKey(keyFile);
        List<X509Certificate> chain = PemFiles.certificates(certFile);
        requireMatch(key, chain.get(0));
        try {
            KeyStore keys = KeyStore.getInstance("PKCS12");
            keys.load(null, null);
            keys.setKeyEntry("driver", key, new char[0], chain.toArray(new X509Certificate[0]));
            KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            kmf.init(keys, new char[0]);
            TrustManagerFactory tmf = null;
            if (caFile != null) {
                KeyStore cas = KeyStore.getInstance("PKCS12");
                cas.load(null, null);
                int n = 0;
                for (X509Certificate ca : PemFiles.certificates(caFile)) {
                    cas.setCertificateEntry("ca" + n++, ca);
                }
                tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
                tmf.init(cas);
            }
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(kmf.getKeyManagers(), tmf == null ? null : tmf.getTrustManagers(), new SecureRandom());
            // The JVM's defaults leave out what its jdk.tls.disabledAlgorithms turns off (TLS 1.0 and 1.1).
            List<String> enabled = new ArrayList<>(PROTOCOLS.subList(PROTOCOLS.indexOf(min), PROTOCOLS.size()));
            enabled.retainAll(Arrays.asList(context.getDefaultSSLParameters().getProtocols()));
            return new DriverTls(context, enabled.toArray(new String[0]),
                    suites(context, ciphers == null ? OpenSslCiphers.RETHINKDB_DEFAULT : ciphers, enabled),
                    caFile != null);
        } catch (GeneralSecurityException | java.io.IOException e) {
            throw new IllegalArgumentException("Could not set up TLS: " + e.getMessage(), e);
        }
    }

    /** TLS 1.3's suites (when enabled) then the cipher list's, in the JVM's order of preference. */
    private static String[] suites(SSLContext context, String cipherList, List<String> protocols) {
        List<String> preference = new ArrayList<>(Arrays.asList(context.getDefaultSSLParameters().getCipherSuites()));
        for (String s : context.getSupportedSSLParameters().getCipherSuites()) {
            if (!preference.contains(s)) {
                preference.add(s);
            }
        }
        List<String> out = new ArrayList<>();
        if (protocols.contains("TLSv1.3")) {
            for (String s : context.getDefaultSSLParameters().getCipherSuites()) {
                if (s.startsWith("TLS_AES_") || s.startsWith("TLS_CHACHA20_")) {
                    out.add(s);
                }
            }
        }
        out.addAll(OpenSslCiphers.select(cipherList, preference));
        return out.toArray(new String[0]);
    }

    /** What OpenSSL's SSL_CTX_check_private_key checks: the key signs what the certificate's key verifies. */
    private static void requireMatch(PrivateKey key, X509Certificate cert) {
        String algorithm = switch (key.getAlgorithm()) {
            case "RSA" -> "SHA256withRSA";
            case "EC" -> "SHA256withECDSA";
            case "DSA" -> "SHA256withDSA";
            case "RSASSA-PSS" -> "RSASSA-PSS";
            default -> key.getAlgorithm();
        };
        boolean match;
        try {
            byte[] probe = new byte[32];
            new SecureRandom().nextBytes(probe);
            Signature signer = Signature.getInstance(algorithm);
            if (algorithm.equals("RSASSA-PSS")) {
                signer.setParameter(new java.security.spec.PSSParameterSpec("SHA-256", "MGF1",
                        java.security.spec.MGF1ParameterSpec.SHA256, 32, 1));
            }
            signer.initSign(key);
            signer.update(probe);
            byte[] signature = signer.sign();
            signer.initVerify(cert.getPublicKey());
            signer.update(probe);
            match = signer.verify(signature);
        } catch (GeneralSecurityException e) {
            match = false;
        }
        if (!match) {
            throw new IllegalArgumentException("The private key and certificate do not match.");
        }
    }

    /** A server-side TLS handler for one new connection. */
    public SslHandler newHandler() {
        SSLEngine engine = context.createSSLEngine();
        engine.setUseClientMode(false);
        SSLParameters p = engine.getSSLParameters();
        p.setProtocols(protocols);
        p.setCipherSuites(cipherSuites);
        p.setUseCipherSuitesOrder(true);
        p.setNeedClientAuth(clientCertificates);
        engine.setSSLParameters(p);
        return new SslHandler(engine);
    }

    /** The protocols a client may use, oldest first (what was asked for, less what the JVM disables). */
    public List<String> protocols() {
        return List.of(protocols);
    }

    /** The cipher suites offered, in the server's order of preference. */
    public List<String> cipherSuites() {
        return List.of(cipherSuites);
    }

    /** Whether clients must present a certificate signed by {@code --driver-tls-ca}. */
    public boolean requiresClientCertificates() {
        return clientCertificates;
    }
}

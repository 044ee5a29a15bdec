package io.reqldb.server.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the PEM files RethinkDB's {@code --driver-tls-*} options take, as OpenSSL does:
 * certificate chains (server certificate first) and unencrypted private keys in PKCS#8
 * ({@code BEGIN PRIVATE KEY}, what OpenSSL 3 writes), PKCS#1 ({@code BEGIN RSA PRIVATE KEY}) or
 * SEC1 ({@code BEGIN EC PRIVATE KEY}, what {@code openssl ecparam -genkey} writes). The last two
 * are re-wrapped as PKCS#8, the only form the JDK reads. Other text around the blocks (such as
 * {@code EC PARAMETERS} or "Bag Attributes") is skipped.
 */
public final class PemFiles {
    private static final Pattern BLOCK = Pattern.compile(
            "-----BEGIN ([A-Z0-9 ]+)-----\\r?\\n(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final byte[] RSA_ALGORITHM = Der.sequence(Der.oid("1.2.840.113549.1.1.1"), Der.NULL);
    private static final String EC_PUBLIC_KEY_OID = "1.2.840.10045.2.1";

    private PemFiles() {
    }

    /** @throws IllegalArgumentException naming the file when it holds no certificate or a broken one */
    public static List<X509Certificate> certificates(Path file) {
        List<X509Certificate> out = new ArrayList<>();
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509");
            for (Block b : blocks(file)) {
                if (b.label().equals("CERTIFICATE") || b.label().equals("TRUSTED CERTIFICATE")) {
                    out.add((X509Certificate) factory.generateCertificate(new ByteArrayInputStream(b.der())));
                }
            }
        } catch (CertificateException e) {
            throw new IllegalArgumentException(file + ": not a valid certificate (" + e.getMessage() + ")", e);
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException(file + ": no PEM certificate (-----BEGIN CERTIFICATE-----) in it");
        }
        return out;
    }

    /** @throws IllegalArgumentException naming the file when it holds no usable private key */
    public static PrivateKey privateKey(Path file) {
        for (Block b : blocks(file)) {
            switch (b.label()) {
                case "PRIVATE KEY":
                    return pkcs8(file, b.der());
                case "RSA PRIVATE KEY":
                    requireUnencrypted(file, b);
                    return pkcs8(file, Der.sequence(Der.integer(0), RSA_ALGORITHM, Der.octetString(b.der())));
                case "EC PRIVATE KEY":
                    requireUnencrypted(file, b);
                    byte[] curve;
                    try {
                        curve = Der.sec1CurveOid(b.der());
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
                    }
                    byte[] algorithm = Der.sequence(Der.oid(EC_PUBLIC_KEY_OID), curve);
                    return pkcs8(file, Der.sequence(Der.integer(0), algorithm, Der.octetString(b.der())));
                case "ENCRYPTED PRIVATE KEY":
                    throw encrypted(file);
                default:
                    break;
            }
        }
        throw new IllegalArgumentException(file + ": no PEM private key (-----BEGIN PRIVATE KEY-----) in it");
    }

    private static PrivateKey pkcs8(Path file, byte[] der) {
        for (String algorithm : new String[] {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"}) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (GeneralSecurityException | IllegalArgumentException wrongAlgorithm) {
                // Try the next kind: PKCS#8 names its algorithm, but each KeyFactory reads only its own.
            }
        }
        throw new IllegalArgumentException(file + ": a private key of a kind this server cannot use "
                + "(RSA, EC, Ed25519, Ed448 and DSA keys are supported)");
    }

    private static void requireUnencrypted(Path file, Block b) {
        if (b.headers().contains("ENCRYPTED")) {
            throw encrypted(file);
        }
    }

    private static IllegalArgumentException encrypted(Path file) {
        return new IllegalArgumentException(file + ": the private key is encrypted; decrypt it first with "
                + "`openssl pkey -in " + file + " -out plain-key.pem`");
    }

    /** One PEM block: its label, any RFC 1421 headers, and the decoded bytes. */
    private record Block(String label, String headers, byte[] der) {
    }

    private static List<Block> blocks(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            throw new IllegalArgumentException("Unable to read " + file + ": " + e.getMessage(), e);
        }
        List<Block> out = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            String body = m.group(2);
            String headers = "";
            int blank = body.indexOf("\n\n");
            if (body.contains(":") && blank >= 0) {
                headers = body.substring(0, blank);
                body = body.substring(blank + 2);
            }
            try {
                out.add(new Block(m.group(1), headers, Base64.getMimeDecoder().decode(body)));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(file + ": a PEM block that is not valid base64", e);
            }
        }
        return out;
    }
}

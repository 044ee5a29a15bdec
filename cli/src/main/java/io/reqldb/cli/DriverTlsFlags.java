package io.reqldb.cli;

import io.reqldb.server.tls.DriverTls;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** RethinkDB 2.4's TLS options of the client driver port, as a mixin of {@code serve}. */
final class DriverTlsFlags {

    @Option(names = "--driver-tls-key", paramLabel = "KEY_FILE",
            description = "Private key (PEM) for TLS on the client driver port.")
    Path key;

    @Option(names = "--driver-tls-cert", paramLabel = "CERT_FILE",
            description = "Certificate chain (PEM) for TLS on the client driver port.")
    Path cert;

    @Option(names = "--driver-tls-ca", paramLabel = "CA_FILE",
            description = "CA certificates (PEM) that client certificates must be signed by; "
                    + "TLS client authentication is off without it.")
    Path ca;

    @Option(names = "--tls-min-protocol", paramLabel = "PROTOCOL",
            description = "Oldest TLS version accepted: TLSv1, TLSv1.1, TLSv1.2 or TLSv1.3 (default: TLSv1.2).")
    String minProtocol;

    @Option(names = "--tls-ciphers", paramLabel = "CIPHER_LIST",
            description = "OpenSSL cipher list for TLS 1.2 and older (default: EECDH+AESGCM).")
    String ciphers;

    /**
     * The driver port's TLS, or null when no driver TLS option is given (plain TCP).
     *
     * @throws IllegalArgumentException with RethinkDB's message for an incomplete or bad set-up
     */
    DriverTls load() {
        if (key == null && cert == null && ca == null) {
            return null;
        }
        return DriverTls.load(key, cert, ca, minProtocol, ciphers);
    }
}

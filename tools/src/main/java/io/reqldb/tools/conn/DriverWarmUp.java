package io.reqldb.tools.conn;

import com.rethinkdb.utils.Internals;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.crypto.Mac;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Gets the driver's first connection ready on a background thread while the command line is
 * parsed: its JSON mapper and the SCRAM cryptography take a fifth of a second to initialise (and
 * compile) in a fresh JVM, a large share of a short dump's run, and the other core is idle then.
 */
public final class DriverWarmUp {
    private DriverWarmUp() {}

    /** Starts the warm-up; it never fails the command (a failure here fails again where it matters). */
    public static void start() {
        Thread thread = new Thread(DriverWarmUp::run, "driver-warm-up");
        thread.setDaemon(true);
        thread.start();
    }

    private static void run() {
        try {
            String json = Internals.getInternalMapper().writeValueAsString(List.of(1, Map.of("a", List.of(2.5, "b"))));
            Internals.readJson("{\"r\": " + json + "}");
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(new byte[32], "HmacSHA256"));
            mac.doFinal(new byte[32]);
            MessageDigest.getInstance("SHA-256").digest(new byte[32]);
            new SecureRandom().nextBytes(new byte[18]);
            // The handshake's PBKDF2 (thousands of HMAC-SHA-256 rounds) takes 70 ms while SHA-256
            // is interpreted, 10 ms once compiled: a few hundred rounds here get it compiled first.
            SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256")
                    .generateSecret(new PBEKeySpec(new char[0], new byte[16], 256, 256));
        } catch (Exception | LinkageError ignored) {
            // Only a head start.
        }
    }
}

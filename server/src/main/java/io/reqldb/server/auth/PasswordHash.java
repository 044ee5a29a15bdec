package io.reqldb.server.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;

/**
 * What the server keeps of a password, as RethinkDB does: a random salt, the PBKDF2 iteration
 * count, and the SaltedPassword itself. SCRAM derives its client and server keys from it, and the
 * legacy plaintext handshake recomputes it from the key the client sends.
 *
 * @param salt           random bytes ({@value #SALT_BYTES} when made here)
 * @param iterations     PBKDF2 iterations
 * @param saltedPassword PBKDF2-HMAC-SHA256(password, salt, iterations), 32 bytes
 */
public record PasswordHash(byte[] salt, int iterations, byte[] saltedPassword) {
    /** RethinkDB's default iteration count, which drivers then spend on every connect. */
    public static final int DEFAULT_ITERATIONS = 4096;
    /** RethinkDB's salt length. */
    public static final int SALT_BYTES = 16;

    private static final SecureRandom RANDOM = new SecureRandom();

    public PasswordHash {
        salt = salt.clone();
        saltedPassword = saltedPassword.clone();
    }

    /** Hashes a password with a fresh salt and the default iteration count. */
    public static PasswordHash of(String password) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(salt, DEFAULT_ITERATIONS,
                ScramCrypto.saltedPassword(password, salt, DEFAULT_ITERATIONS));
    }

    /**
     * A stand-in for a user that does not exist, so that the SCRAM exchange looks the same up to
     * its last step and does not reveal which user names exist (RethinkDB does the same).
     */
    static PasswordHash unknownUser() {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return new PasswordHash(salt, DEFAULT_ITERATIONS, new byte[ScramCrypto.KEY_BYTES]);
    }

    /** Whether {@code password} is this password; for the legacy plaintext handshake. */
    public boolean matches(String password) {
        return MessageDigest.isEqual(saltedPassword,
                ScramCrypto.saltedPassword(password, salt, iterations));
    }

    @Override
    public byte[] salt() {
        return salt.clone();
    }

    @Override
    public byte[] saltedPassword() {
        return saltedPassword.clone();
    }
}

package io.reqldb.server.auth;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** The SHA-256 primitives of SCRAM (RFC 5802 with RFC 7677's hash), on byte arrays. */
public final class ScramCrypto {
    /** Bytes in a SHA-256 digest, and so in every key SCRAM derives. */
    public static final int KEY_BYTES = 32;

    private ScramCrypto() {
    }

    public static byte[] hmac(byte[] key, byte[] data) {
        return hmacWith(key).doFinal(data);
    }

    /** A MAC keyed once, for the many rounds of {@link #saltedPassword}. */
    private static Mac hmacWith(byte[] key) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            // SecretKeySpec refuses an empty key, but HMAC pads keys with zeros to the block
            // size, so a single zero byte is the same key; an empty password needs this.
            mac.init(new SecretKeySpec(key.length == 0 ? new byte[1] : key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }

    public static byte[] hmac(byte[] key, String data) {
        return hmac(key, data.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /**
     * PBKDF2-HMAC-SHA256 with a 32-byte output, which is SCRAM's SaltedPassword. Written out
     * because the JDK's PBKDF2 refuses empty passwords, and RethinkDB's admin has one.
     */
    public static byte[] saltedPassword(String password, byte[] salt, int iterations) {
        byte[] key = password.getBytes(StandardCharsets.UTF_8);
        byte[] block = new byte[salt.length + 4];
        System.arraycopy(salt, 0, block, 0, salt.length);
        block[salt.length + 3] = 1; // block index 1, big-endian: one block is all we need
        Mac mac = hmacWith(key);
        byte[] u = mac.doFinal(block);
        byte[] result = u.clone();
        for (int i = 1; i < iterations; i++) {
            u = mac.doFinal(u);
            for (int j = 0; j < result.length; j++) {
                result[j] ^= u[j];
            }
        }
        return result;
    }

    public static byte[] xor(byte[] a, byte[] b) {
        byte[] out = new byte[a.length];
        for (int i = 0; i < a.length; i++) {
            out[i] = (byte) (a[i] ^ b[i]);
        }
        return out;
    }
}

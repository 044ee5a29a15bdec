package io.reqldb.rethinkdata;

import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * The {@code auth_semilattice} of RethinkDB 2.1 and 2.2, before users existed: one versioned
 * {@code auth_key_t} (the key as a string, then the versioned_t's int64 timestamp and UUID
 * tiebreaker). RethinkDB 2.3+ turns it into the {@code admin} user's password on its first start
 * ({@code persist/migrate/migrate_v2_1.cc}): a fresh 16-byte salt and one PBKDF2 iteration, an
 * empty key meaning no password. This does the same, so the old key logs admin in unchanged.
 */
final class AuthKey {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AuthKey() {}

    /** The admin user the auth key at the reader's position stands for. */
    static List<UserInfo> admin(Serial in) {
        String key = in.string();
        in.i64(); // versioned_t timestamp
        in.uuid(); // tiebreaker
        return admin(key);
    }

    /** The admin user whose password is {@code key} (none when empty). */
    static List<UserInfo> admin(String key) {
        UserInfo.Password password = key.isEmpty() ? null : password(key);
        return List.of(new UserInfo("admin", password, new Permissions(null, null, null, null), Map.of(), Map.of()));
    }

    private static UserInfo.Password password(String key) {
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        try {
            PBEKeySpec spec = new PBEKeySpec(key.toCharArray(), salt, 1, HASH_BITS);
            byte[] hash = SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
            return new UserInfo.Password(1, salt, hash);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("PBKDF2WithHmacSHA256 is part of every JVM", e);
        }
    }
}

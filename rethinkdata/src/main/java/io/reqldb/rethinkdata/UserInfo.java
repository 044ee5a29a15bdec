package io.reqldb.rethinkdata;

import java.util.Map;
import java.util.UUID;

/**
 * A user from the {@code auth_semilattice}: the password as RethinkDB keeps it for SCRAM-SHA-256
 * (PBKDF2 iteration count, 16-byte salt, 32-byte salted password; null for a user without one)
 * and the permissions, globally and per database and table id.
 */
public record UserInfo(String name, Password password, Permissions global, Map<UUID, Permissions> databases,
        Map<UUID, Permissions> tables) {

    /** {@code password_t}: iteration count (uint32), salt and hash (std::array: varint length, bytes), empty flag. */
    public record Password(int iterations, byte[] salt, byte[] saltedPassword) {
    }
}

package io.reqldb.server.auth;

import java.util.Optional;

/**
 * Where the handshake looks up users. The server ships {@link InMemoryUserStore}; a store backed
 * by the {@code rethinkdb.users} table can replace it. Implementations are thread-safe: every
 * connecting client calls them from an event-loop thread, so lookups must not block.
 */
public interface UserStore {

    /** The user's password hash, or empty when there is no such user. */
    Optional<PasswordHash> password(String user);
}

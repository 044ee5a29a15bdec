package io.reqldb.server.auth;

import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Users held in memory; the default store, with {@code admin} as RethinkDB starts with it. */
public final class InMemoryUserStore implements UserStore {
    /** The user every RethinkDB server has. */
    public static final String ADMIN = "admin";

    private final ConcurrentHashMap<String, PasswordHash> users = new ConcurrentHashMap<>();

    /** A store holding only {@code admin} with this password (empty for none, RethinkDB's default). */
    public static InMemoryUserStore withAdmin(String adminPassword) {
        InMemoryUserStore store = new InMemoryUserStore();
        store.setPassword(ADMIN, adminPassword);
        return store;
    }

    /** Creates the user or changes its password. */
    public void setPassword(String user, String password) {
        users.put(user, PasswordHash.of(password));
    }

    @Override
    public Optional<PasswordHash> password(String user) {
        return Optional.ofNullable(users.get(user));
    }
}

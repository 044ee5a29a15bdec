package io.reqldb.console;

import io.reqldb.server.auth.PasswordHash;
import io.reqldb.server.auth.UserStore;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Sign-in and the signed-in sessions. A password is checked against the server's own user store
 * (the SCRAM SaltedPassword it keeps, recomputed from the password given); a session is known by
 * a random id in an HttpOnly, SameSite=Strict cookie, and every request that changes anything
 * must also carry the session's CSRF token in a header, which a page of another site cannot read.
 */
final class ConsoleSessions implements AutoCloseable {
    static final String COOKIE = "reqldb_console";
    /** Sessions unused this long are closed (their feeds stop). */
    private static final long IDLE_LIMIT_NANOS = TimeUnit.HOURS.toNanos(12);
    private static final SecureRandom RANDOM = new SecureRandom();
    /** Spent on unknown users too, so that answering does not tell which names exist. */
    private static final PasswordHash NOBODY = PasswordHash.of(randomToken());

    private final UserStore users;
    private final ConsoleSession.Connector connector;
    private final Map<String, ConsoleSession> sessions = new ConcurrentHashMap<>();

    ConsoleSessions(UserStore users, ConsoleSession.Connector connector) {
        this.users = users;
        this.connector = connector;
    }

    /** A new session for a user whose password is right, or empty. */
    Optional<ConsoleSession> signIn(String user, String password) {
        closeIdle();
        Optional<PasswordHash> hash = users.password(user);
        boolean right = hash.orElse(NOBODY).matches(password) && hash.isPresent();
        if (!right) {
            return Optional.empty();
        }
        ConsoleSession session = new ConsoleSession(randomToken(), randomToken(), connector, user, password);
        sessions.put(session.id, session);
        return Optional.of(session);
    }

    /** The session a cookie header names, if it is still open. */
    Optional<ConsoleSession> find(String cookieHeader) {
        String id = cookieValue(cookieHeader);
        ConsoleSession session = id == null ? null : sessions.get(id);
        if (session == null || session.idleNanos() > IDLE_LIMIT_NANOS) {
            return Optional.empty();
        }
        session.touch();
        return Optional.of(session);
    }

    /** Whether a request's CSRF header is the session's token (compared in constant time). */
    static boolean csrfMatches(ConsoleSession session, String header) {
        return header != null && MessageDigest.isEqual(header.getBytes(), session.csrfToken.getBytes());
    }

    void signOut(ConsoleSession session) {
        sessions.remove(session.id, session);
        session.close();
    }

    private void closeIdle() {
        sessions.values().removeIf(s -> {
            if (s.idleNanos() > IDLE_LIMIT_NANOS) {
                s.close();
                return true;
            }
            return false;
        });
    }

    private static String cookieValue(String header) {
        if (header == null) {
            return null;
        }
        for (String part : header.split(";")) {
            String p = part.trim();
            if (p.startsWith(COOKIE + "=")) {
                return p.substring(COOKIE.length() + 1);
            }
        }
        return null;
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public void close() {
        sessions.values().forEach(ConsoleSession::close);
        sessions.clear();
    }
}

package io.reqldb.server.metrics;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** The secret a scrape must send as {@code Authorization: Bearer SECRET}. */
final class BearerToken {
    private static final String SCHEME = "Bearer ";

    private final byte[] secret;

    BearerToken(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Whether the header carries the secret. Compared in time independent of where they differ,
     * so response times do not reveal the secret a prefix at a time.
     */
    boolean presentIn(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return false;
        }
        byte[] given = authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
        return MessageDigest.isEqual(given, secret);
    }
}

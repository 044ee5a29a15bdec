package io.reqldb.server.auth;

/**
 * A failed handshake step, with RethinkDB's code and text; the client gets
 * {@code {"success":false,"error":message,"error_code":code}} and the connection closes.
 * Codes 10 to 20 are SCRAM's (12 wrong password, 17 unknown user); lower ones are the
 * handshake's own message checks.
 */
public final class AuthenticationException extends Exception {
    private final int code;

    public AuthenticationException(int code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public int code() {
        return code;
    }
}

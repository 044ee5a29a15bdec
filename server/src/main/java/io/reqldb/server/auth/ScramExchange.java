package io.reqldb.server.auth;

import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * The server side of one SCRAM-SHA-256 exchange (RFC 5802), with RethinkDB's error codes and
 * texts. Two steps: {@link #clientFirst} answers {@code r=nonce,s=salt,i=iterations};
 * {@link #clientFinal} checks the proof and answers {@code v=signature}. Not thread-safe; one
 * per connection.
 */
public final class ScramExchange {
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getEncoder();
    /** Base64 of "n,,": the only channel-binding header accepted (no binding, no authzid). */
    private static final String NO_CHANNEL_BINDING = "biws";

    private enum State { FIRST, FINAL, AUTHENTICATED, FAILED }

    private final UserStore users;
    private final Supplier<String> serverNonces;
    private State state = State.FIRST;
    private String user;
    private boolean userKnown;
    private PasswordHash password;
    private String clientFirstBare;
    private String serverFirst;
    private String nonce;

    public ScramExchange(UserStore users) {
        this(users, ScramExchange::randomNonce);
    }

    /** With chosen server nonces, so tests can replay published SCRAM exchanges. */
    ScramExchange(UserStore users, Supplier<String> serverNonces) {
        this.users = users;
        this.serverNonces = serverNonces;
    }

    private static String randomNonce() {
        byte[] bytes = new byte[18];
        RANDOM.nextBytes(bytes);
        return B64.encodeToString(bytes);
    }

    /** Handles {@code n,,n=user,r=clientnonce}; returns the server-first message. */
    public String clientFirst(String message) throws AuthenticationException {
        requireState(State.FIRST);
        try {
            if (!message.startsWith("n,")) {
                throw new AuthenticationException(15, "Channel binding is not supported");
            }
            int bare = message.indexOf(',', 2);
            if (bare < 0) {
                throw invalidEncoding();
            }
            clientFirstBare = message.substring(bare + 1);
            String clientNonce = null;
            for (Map.Entry<Character, String> a : attributes(clientFirstBare).entrySet()) {
                switch (a.getKey()) {
                    case 'n' -> user = decodeSaslName(a.getValue());
                    case 'r' -> clientNonce = a.getValue();
                    case 'm' -> throw new AuthenticationException(11, "Extensions not supported");
                    default -> throw invalidEncoding();
                }
            }
            if (user == null || clientNonce == null) {
                throw invalidEncoding();
            }
            password = users.password(user).orElse(null);
            userKnown = password != null;
            if (!userKnown) {
                password = PasswordHash.unknownUser();
            }
            nonce = clientNonce + serverNonces.get();
            serverFirst = "r=" + nonce + ",s=" + B64.encodeToString(password.salt())
                    + ",i=" + password.iterations();
            state = State.FINAL;
            return serverFirst;
        } catch (AuthenticationException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** Handles {@code c=biws,r=nonce,p=proof}; returns the server-final message. */
    public String clientFinal(String message) throws AuthenticationException {
        requireState(State.FINAL);
        try {
            if (!userKnown) {
                throw new AuthenticationException(17, "Unknown user");
            }
            byte[] salted = password.saltedPassword();
            byte[] clientKey = ScramCrypto.hmac(salted, "Client Key");
            byte[] storedKey = ScramCrypto.sha256(clientKey);
            int proofAt = message.indexOf(",p=");
            String authMessage = clientFirstBare + "," + serverFirst + ","
                    + (proofAt < 0 ? message : message.substring(0, proofAt));
            byte[] expectedProof = ScramCrypto.xor(clientKey, ScramCrypto.hmac(storedKey, authMessage));

            // RethinkDB checks the attributes in key order (c, m, p, r), so a wrong password is
            // reported before a bad nonce; keep that order for identical answers.
            Map<Character, String> attrs = new TreeMap<>(attributes(message));
            for (Map.Entry<Character, String> a : attrs.entrySet()) {
                switch (a.getKey()) {
                    case 'c' -> {
                        if (!a.getValue().equals(NO_CHANNEL_BINDING)) {
                            throw invalidEncoding();
                        }
                    }
                    case 'r' -> {
                        if (!a.getValue().equals(nonce)) {
                            throw new AuthenticationException(20, "Other error");
                        }
                    }
                    case 'p' -> {
                        byte[] proof = decodeBase64(a.getValue());
                        if (!MessageDigest.isEqual(proof, expectedProof)) {
                            throw new AuthenticationException(12, "Wrong password");
                        }
                    }
                    case 'm' -> throw new AuthenticationException(11, "Extensions not supported");
                    default -> throw invalidEncoding();
                }
            }
            if (!attrs.containsKey('c') || !attrs.containsKey('r') || !attrs.containsKey('p')) {
                throw invalidEncoding();
            }
            byte[] serverKey = ScramCrypto.hmac(salted, "Server Key");
            state = State.AUTHENTICATED;
            return "v=" + B64.encodeToString(ScramCrypto.hmac(serverKey, authMessage));
        } catch (AuthenticationException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /** The user name the client proved to be; only meaningful once authenticated. */
    public String user() {
        return user;
    }

    public boolean isAuthenticated() {
        return state == State.AUTHENTICATED;
    }

    private void requireState(State expected) throws AuthenticationException {
        if (state == expected) {
            return;
        }
        String text = state == State.AUTHENTICATED
                ? "Already authenticated, no more messages expected."
                : "A previous error occurred, no more messages expected.";
        state = State.FAILED;
        throw new AuthenticationException(20, text);
    }

    /** Splits {@code k=v,k=v}; each key is one character and appears once. */
    private static Map<Character, String> attributes(String message) throws AuthenticationException {
        Map<Character, String> out = new LinkedHashMap<>();
        int at = 0;
        while (at < message.length()) {
            int eq = message.indexOf('=', at);
            if (eq - at != 1) {
                throw invalidEncoding();
            }
            char key = message.charAt(at);
            if (out.containsKey(key)) {
                throw invalidEncoding();
            }
            int comma = message.indexOf(',', eq + 1);
            int end = comma < 0 ? message.length() : comma;
            out.put(key, message.substring(eq + 1, end));
            at = comma < 0 ? message.length() : comma + 1;
        }
        return out;
    }

    /** SCRAM escapes ',' as {@code =2C} and '=' as {@code =3D} in user names. */
    private static String decodeSaslName(String name) throws AuthenticationException {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '=') {
                out.append(c);
            } else if (name.startsWith("=2C", i)) {
                out.append(',');
                i += 2;
            } else if (name.startsWith("=3D", i)) {
                out.append('=');
                i += 2;
            } else {
                throw new AuthenticationException(18, "Invalid username encoding");
            }
        }
        return out.toString();
    }

    /** A proof that is not even base64 is simply not the right proof (RethinkDB compares text). */
    private static byte[] decodeBase64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    private static AuthenticationException invalidEncoding() {
        return new AuthenticationException(10, "Invalid encoding");
    }
}

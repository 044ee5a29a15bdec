package io.reqldb.server.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The server side of SCRAM-SHA-256, checked against the published example of RFC 7677 §3. */
class ScramExchangeTest {
    // RFC 7677's example exchange: user "user", password "pencil".
    private static final String CLIENT_NONCE = "rOprNGfwEbeRWgbNEkqO";
    private static final String SERVER_NONCE_PART = "%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    private static final String SALT = "W22ZaJ0SNY7soEsUEjb6gQ==";
    private static final String CLIENT_FIRST = "n,,n=user,r=" + CLIENT_NONCE;
    private static final String SERVER_FIRST = "r=" + CLIENT_NONCE + SERVER_NONCE_PART + ",s=" + SALT + ",i=4096";
    private static final String CLIENT_FINAL_BARE = "c=biws,r=" + CLIENT_NONCE + SERVER_NONCE_PART;
    private static final String PROOF = "dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=";
    private static final String SERVER_FINAL = "v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=";

    /** The RFC's user with the RFC's salt, which a random-salted store cannot reproduce. */
    private static final class FixedSaltStore implements UserStore {
        private final PasswordHash pencil;

        FixedSaltStore() {
            byte[] salt = Base64.getDecoder().decode(SALT);
            pencil = new PasswordHash(salt, 4096, ScramCrypto.saltedPassword("pencil", salt, 4096));
        }

        @Override
        public Optional<PasswordHash> password(String user) {
            return user.equals("user") ? Optional.of(pencil) : Optional.empty();
        }
    }

    private static ScramExchange exchange() {
        return new ScramExchange(new FixedSaltStore(), () -> SERVER_NONCE_PART);
    }

    @Test
    void rfc7677Example_producesTheExpectedMessages() throws AuthenticationException {
        ScramExchange scram = exchange();
        assertThat(scram.clientFirst(CLIENT_FIRST)).isEqualTo(SERVER_FIRST);
        assertThat(scram.clientFinal(CLIENT_FINAL_BARE + ",p=" + PROOF)).isEqualTo(SERVER_FINAL);
        assertThat(scram.isAuthenticated()).isTrue();
        assertThat(scram.user()).isEqualTo("user");
    }

    @Test
    void clientFinal_wrongProof_isWrongPassword12() throws AuthenticationException {
        ScramExchange scram = exchange();
        scram.clientFirst(CLIENT_FIRST);
        String wrong = Base64.getEncoder().encodeToString(new byte[32]);
        assertThatThrownBy(() -> scram.clientFinal(CLIENT_FINAL_BARE + ",p=" + wrong))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.code()).isEqualTo(12);
                    assertThat(e.getMessage()).isEqualTo("Wrong password");
                });
        assertThat(scram.isAuthenticated()).isFalse();
    }

    @Test
    void clientFinal_unknownUser_isUnknownUser17AfterALookalikeFirstStep() throws AuthenticationException {
        ScramExchange scram = exchange();
        assertThat(scram.clientFirst("n,,n=nobody,r=abc")).startsWith("r=abc" + SERVER_NONCE_PART + ",s=").endsWith(",i=4096");
        assertThatThrownBy(() -> scram.clientFinal("c=biws,r=abc" + SERVER_NONCE_PART + ",p=" + PROOF))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.code()).isEqualTo(17);
                    assertThat(e.getMessage()).isEqualTo("Unknown user");
                });
    }

    @Test
    void clientFirst_channelBinding_isRefused15() {
        assertThatThrownBy(() -> exchange().clientFirst("p=tls-unique,,n=user,r=abc"))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.code()).isEqualTo(15));
    }

    @Test
    void clientFirst_missingNonce_isInvalidEncoding10() {
        assertThatThrownBy(() -> exchange().clientFirst("n,,n=user"))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> {
                    assertThat(e.code()).isEqualTo(10);
                    assertThat(e.getMessage()).isEqualTo("Invalid encoding");
                });
    }

    @Test
    void clientFinal_forgedNonce_failsOnTheProofFirst() throws AuthenticationException {
        // RethinkDB checks attributes in key order, so the proof (p) fails before the nonce (r).
        ScramExchange scram = exchange();
        scram.clientFirst(CLIENT_FIRST);
        assertThatThrownBy(() -> scram.clientFinal("c=biws,r=forged,p=" + PROOF))
                .isInstanceOfSatisfying(AuthenticationException.class, e -> assertThat(e.code()).isEqualTo(12));
    }

    @Test
    void clientFirst_escapedUserName_isDecoded() throws AuthenticationException {
        ScramExchange scram = new ScramExchange(name -> name.equals("a,b=c")
                ? Optional.of(PasswordHash.of("")) : Optional.empty());
        scram.clientFirst("n,,n=a=2Cb=3Dc,r=abc");
        assertThat(scram.user()).isEqualTo("a,b=c");
    }

    @Test
    void passwordHash_matches_onlyTheRightPassword() {
        PasswordHash hash = PasswordHash.of("");
        assertThat(hash.matches("")).isTrue();
        assertThat(hash.matches("x")).isFalse();
    }
}

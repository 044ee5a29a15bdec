package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;

/** The 2.1/2.2 auth key becoming admin's password, as RethinkDB 2.3+ migrates it. */
class AuthKeyTest {
    private static byte[] authSemilattice(String key) {
        return new Out().string(key).i64(1_450_000_000L).uuid(UUID.randomUUID()).toBytes();
    }

    @Test
    void authKey_isAdminsPassword_withOneIteration() throws Exception {
        List<UserInfo> users = AuthKey.admin(new Serial(authSemilattice("hunter2")));
        assertThat(users).hasSize(1);
        UserInfo admin = users.get(0);
        assertThat(admin.name()).isEqualTo("admin");
        UserInfo.Password p = admin.password();
        assertThat(p.iterations()).isEqualTo(1);
        assertThat(p.salt()).hasSize(16);
        // PBKDF2 with one iteration is HMAC-SHA256(key, salt || INT(1)): what a SCRAM client derives.
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec("hunter2".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(p.salt());
        byte[] expected = mac.doFinal(new byte[] {0, 0, 0, 1});
        assertThat(p.saltedPassword()).isEqualTo(expected);
    }

    @Test
    void emptyAuthKey_isAdminWithoutPassword() {
        List<UserInfo> users = AuthKey.admin(new Serial(authSemilattice("")));
        assertThat(users.get(0).password()).isNull();
        assertThat(users.get(0).global().isEmpty()).isTrue();
    }
}

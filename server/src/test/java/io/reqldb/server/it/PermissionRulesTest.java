package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.exc.ReqlAuthError;
import com.rethinkdb.gen.exc.ReqlOpFailedError;
import com.rethinkdb.gen.exc.ReqlPermissionError;
import com.rethinkdb.net.Connection;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The permission rules the matrix does not spell out: inheritance between scopes, writes by a
 * user who may not read, grants that cannot be made, and passwords changed through
 * {@code rethinkdb.users}, all as RethinkDB 2.4 does them.
 */
class PermissionRulesTest {
    @TempDir
    Path dataDir;
    private UsersServer server;
    private Connection admin;

    @BeforeEach
    void start() throws Exception {
        server = new UsersServer(dataDir);
        admin = server.connect("admin", "");
        r.dbCreate("app").run(admin);
        r.db("app").tableCreate("docs").run(admin);
        r.db("app").table("docs").insert(r.hashMap("id", 1)).run(admin);
        r.db("rethinkdb").table("users").insert(r.hashMap("id", "bob").with("password", "pw")).run(admin);
    }

    @AfterEach
    void stop() {
        admin.close();
        server.close();
    }

    private static String refusal(String permission) {
        return "User `bob` does not have the required `" + permission + "` permission.";
    }

    /** "null" in a column leaves that scope unset, so it inherits. */
    @ParameterizedTest(name = "read: global {0}, db {1}, table {2} → allowed {3}")
    @CsvSource({
        "true, null, null, true",
        "true, false, null, false",
        "true, null, false, false",
        "true, false, true, true",
        "false, true, null, true",
        "false, null, true, true",
        "null, true, false, false",
        "null, null, null, false",
    })
    void tableOverridesDatabaseOverridesGlobal(String global, String db, String table, boolean allowed) {
        grantRead(r.grant("bob", readOf(global)), global);
        grantRead(r.db("app").grant("bob", readOf(db)), db);
        grantRead(r.db("app").table("docs").grant("bob", readOf(table)), table);
        try (Connection bob = server.connect("bob", "pw")) {
            if (allowed) {
                assertThat(r.db("app").table("docs").count().run(bob).single()).isEqualTo(1L);
            } else {
                assertThatThrownBy(() -> r.db("app").table("docs").count().run(bob))
                        .isInstanceOf(ReqlPermissionError.class).hasMessage(refusal("read"));
            }
        }
    }

    private static Map<Object, Object> readOf(String value) {
        return r.hashMap("read", value.equals("null") ? null : Boolean.parseBoolean(value));
    }

    private void grantRead(com.rethinkdb.gen.ast.Grant grant, String value) {
        if (!value.equals("null")) {
            grant.run(admin);
        }
    }

    @Test
    void writingNeedsReadTooAndTheRefusalNamesWrite() {
        r.db("app").table("docs").grant("bob", r.hashMap("write", true)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            assertThatThrownBy(() -> r.db("app").table("docs").insert(r.hashMap("id", 2)).run(bob))
                    .isInstanceOf(ReqlPermissionError.class).hasMessage(refusal("write"));
            assertThatThrownBy(() -> r.db("app").table("docs").get(1).run(bob))
                    .isInstanceOf(ReqlPermissionError.class).hasMessage(refusal("read"));
        }
        r.db("app").table("docs").grant("bob", r.hashMap("read", true)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            Map<?, ?> result = (Map<?, ?>) r.db("app").table("docs").insert(r.hashMap("id", 2)).run(bob).single();
            assertThat(result.get("inserted")).isEqualTo(1L);
        }
    }

    @Test
    void theSystemDatabaseDoesNotInheritGlobalPermissions() {
        r.grant("bob", r.hashMap("read", true).with("write", true).with("config", true)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            assertThatThrownBy(() -> r.db("rethinkdb").table("users").count().run(bob))
                    .isInstanceOf(ReqlPermissionError.class).hasMessage(refusal("read"));
            assertThatThrownBy(() -> r.grant("bob", r.hashMap("connect", true)).run(bob))
                    .isInstanceOf(ReqlPermissionError.class).hasMessage(refusal("read"));
        }
        r.db("rethinkdb").grant("bob", r.hashMap("read", true)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            assertThat(r.db("rethinkdb").table("users").count().run(bob).single()).isEqualTo(2L);
        }
    }

    @Test
    void droppingADatabaseNeedsConfigOnEveryTableInIt() {
        r.db("app").grant("bob", r.hashMap("config", true)).run(admin);
        r.db("app").table("docs").grant("bob", r.hashMap("config", false)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            assertThatThrownBy(() -> r.dbDrop("app").run(bob))
                    .isInstanceOf(ReqlPermissionError.class).hasMessage(refusal("config"));
            r.db("app").tableCreate("other").run(bob);
        }
        assertThat(r.dbList().run(admin).single()).asList().contains("app");
    }

    @Test
    void connectExistsOnlyGloballyAndAdminCannotBeRestricted() {
        assertThatThrownBy(() -> r.db("app").grant("bob", r.hashMap("connect", true)).run(admin))
                .isInstanceOf(ReqlOpFailedError.class)
                .hasMessage("The `connect` permission is only valid at the global scope.");
        assertThatThrownBy(() -> r.grant("admin", r.hashMap("read", false)).run(admin))
                .isInstanceOf(ReqlOpFailedError.class)
                .hasMessage("The permissions of the user `admin` can't be modified.");
    }

    @Test
    void changingAnotherUsersPasswordIsAReplace() {
        Map<?, ?> changed = (Map<?, ?>) r.db("rethinkdb").table("users").get("bob")
                .update(r.hashMap("password", "new")).run(admin).single();
        assertThat(changed.get("replaced")).isEqualTo(1L);
        assertThat(changed.get("unchanged")).isEqualTo(0L);
        assertThatThrownBy(() -> server.connect("bob", "pw")).isInstanceOf(ReqlAuthError.class);
        server.connect("bob", "new").close();

        Map<?, ?> same = (Map<?, ?>) r.db("rethinkdb").table("users").get("bob")
                .update(r.hashMap("password", true)).run(admin).single();
        assertThat(same.get("unchanged")).isEqualTo(1L);

        Map<?, ?> iterated = (Map<?, ?>) r.db("rethinkdb").table("users").get("bob")
                .update(r.hashMap("password", r.hashMap("password", "slow").with("iterations", 1024))).run(admin)
                .single();
        assertThat(iterated.get("replaced")).isEqualTo(1L);
        server.connect("bob", "slow").close();

        Map<?, ?> cleared = (Map<?, ?>) r.db("rethinkdb").table("users").get("bob")
                .update(r.hashMap("password", false)).run(admin).single();
        assertThat(cleared.get("replaced")).isEqualTo(1L);
        assertThat(r.db("rethinkdb").table("users").get("bob").run(admin).single())
                .isEqualTo(Map.of("id", "bob", "password", false));
        server.connect("bob", "").close();
    }

    @Test
    void aUserThatIsNotThereIsAnErrorNotASkip() {
        Map<?, ?> deleted = (Map<?, ?>) r.db("rethinkdb").table("users").get("nobody").delete().run(admin).single();
        assertThat(deleted.get("errors")).isEqualTo(1L);
        assertThat(deleted.get("first_error")).isEqualTo("User `nobody` not found.");
        Map<?, ?> updated = (Map<?, ?>) r.db("rethinkdb").table("users").get("nobody")
                .update(r.hashMap("password", "x")).run(admin).single();
        assertThat(updated.get("first_error")).isEqualTo("User `nobody` not found.");
        Map<?, ?> numbered = (Map<?, ?>) r.db("rethinkdb").table("users").insert(r.hashMap("id", 5).with("password", "x"))
                .run(admin).single();
        assertThat(numbered.get("first_error")).isEqualTo("Expected a username as the primary key, got 5.");
    }

    @Test
    void badPasswordObjectsGetRethinkDbsMessages() {
        Map<?, ?> result = (Map<?, ?>) r.db("rethinkdb").table("users").get("bob")
                .update(r.hashMap("password", r.hashMap("password", "x").with("iterations", 0))).run(admin).single();
        assertThat(result.get("first_error"))
                .isEqualTo("Expected `iterations` to be an integer greater than zero, got 0.");
        result = (Map<?, ?>) r.db("rethinkdb").table("users").get("bob")
                .update(r.hashMap("password", r.hashMap("iterations", 5))).run(admin).single();
        assertThat(result.get("first_error")).isEqualTo("Expected a field named `password`.");
    }
}

package io.reqldb.server.it;

import static com.rethinkdb.RethinkDB.r;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.rethinkdb.gen.exc.ReqlPermissionError;
import com.rethinkdb.net.Connection;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks RethinkDB 2.4 makes inside its system tables, beyond {@code read} and {@code write}
 * on the table itself: {@code rethinkdb.table_config} and {@code rethinkdb.db_config} ask for
 * {@code config} where the change lands, {@code _debug_scratch} is admin's alone, and a user
 * changes even their own password only with permissions on {@code rethinkdb.users}.
 */
class SystemTablePermissionsTest {
    @TempDir
    Path dataDir;
    private UsersServer server;
    private Connection admin;
    private String docsId;

    @BeforeEach
    void start() throws Exception {
        server = new UsersServer(dataDir);
        admin = server.connect("admin", "");
        r.dbCreate("app").run(admin);
        r.dbCreate("other").run(admin);
        r.db("app").tableCreate("docs").run(admin);
        r.db("app").tableCreate("logs").run(admin);
        docsId = (String) r.db("app").table("docs").config().g("id").run(admin).single();
        r.db("rethinkdb").table("users").insert(r.hashMap("id", "bob").with("password", "pw")).run(admin);
        // bob may read and write every system table, so only the checks below stand in his way.
        r.db("rethinkdb").grant("bob", r.hashMap("read", true).with("write", true)).run(admin);
    }

    @AfterEach
    void stop() {
        admin.close();
        server.close();
    }

    private static void refusedFor(String permission, Runnable query) {
        assertThatThrownBy(query::run).isInstanceOf(ReqlPermissionError.class)
                .hasMessage("User `bob` does not have the required `" + permission + "` permission.");
    }

    private static Map<?, ?> result(Object out) {
        return (Map<?, ?>) out;
    }

    private Object durabilityOfDocs() {
        return r.db("app").table("docs").config().g("durability").run(admin).single();
    }

    @Test
    void changingATablesConfigRowNeedsConfigOnThatTable() {
        try (Connection bob = server.connect("bob", "pw")) {
            refusedFor("config", () -> r.db("rethinkdb").table("table_config").get(docsId)
                    .update(r.hashMap("durability", "soft")).run(bob));
            // RethinkDB hands even a change that changes nothing to the table's backend.
            refusedFor("config", () -> r.db("rethinkdb").table("table_config").get(docsId).update(r.hashMap())
                    .run(bob));
            refusedFor("config", () -> r.db("rethinkdb").table("table_config").get(docsId).delete().run(bob));
            assertThat(durabilityOfDocs()).isEqualTo("hard");
        }
        r.db("app").table("docs").grant("bob", r.hashMap("config", true)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            assertThat(result(r.db("rethinkdb").table("table_config").get(docsId)
                    .update(r.hashMap("durability", "soft")).run(bob).single()).get("replaced")).isEqualTo(1L);
            assertThat(durabilityOfDocs()).isEqualTo("soft");
        }
    }

    @Test
    void movingATableNeedsConfigOnTheDatabaseItMovesTo() {
        r.db("app").table("docs").grant("bob", r.hashMap("config", true)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            refusedFor("config", () -> r.db("rethinkdb").table("table_config").get(docsId)
                    .update(r.hashMap("db", "other")).run(bob));
        }
        r.db("other").grant("bob", r.hashMap("config", true)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            r.db("rethinkdb").table("table_config").get(docsId).update(r.hashMap("db", "other")).run(bob);
        }
        assertThat(r.db("other").tableList().run(admin).single()).asList().containsExactly("docs");
    }

    @Test
    void creatingATableThroughTableConfigNeedsOnlyTheSystemTable() {
        try (Connection bob = server.connect("bob", "pw")) {
            Map<?, ?> out = result(r.db("rethinkdb").table("table_config")
                    .insert(r.hashMap("db", "app").with("name", "made")).run(bob).single());
            assertThat(out.get("inserted")).isEqualTo(1L);
        }
        assertThat(r.db("app").tableList().run(admin).single()).asList().contains("made");
    }

    @Test
    void aWriteToManyRowsWritesThePermittedOnesThenFails() {
        r.db("app").table("docs").grant("bob", r.hashMap("config", true)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            refusedFor("config", () -> r.db("rethinkdb").table("table_config").filter(r.hashMap("db", "app"))
                    .update(r.hashMap("durability", "soft")).run(bob));
        }
        assertThat(durabilityOfDocs()).isEqualTo("soft");
        assertThat(r.db("app").table("logs").config().g("durability").run(admin).single()).isEqualTo("hard");
    }

    @Test
    void databaseRowsNeedConfigOnTheDatabaseOrGlobally() {
        String appId = (String) r.db("app").config().g("id").run(admin).single();
        try (Connection bob = server.connect("bob", "pw")) {
            refusedFor("config", () -> r.db("rethinkdb").table("db_config").get(appId)
                    .update(r.hashMap("name", "renamed")).run(bob));
            refusedFor("config", () -> r.db("rethinkdb").table("db_config").insert(r.hashMap("name", "made"))
                    .run(bob));
        }
        r.db("app").grant("bob", r.hashMap("config", true)).run(admin);
        r.db("app").table("logs").grant("bob", r.hashMap("config", false)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            // Deleting the row drops the database, which needs config on each of its tables.
            refusedFor("config", () -> r.db("rethinkdb").table("db_config").get(appId).delete().run(bob));
            r.db("rethinkdb").table("db_config").get(appId).update(r.hashMap("name", "renamed")).run(bob);
        }
        assertThat(r.dbList().run(admin).single()).asList().contains("renamed").doesNotContain("app");
        r.grant("bob", r.hashMap("config", true)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            r.db("rethinkdb").table("db_config").insert(r.hashMap("name", "made")).run(bob);
        }
        assertThat(r.dbList().run(admin).single()).asList().contains("made");
    }

    @Test
    void theDebugScratchTableIsAdminsAlone() {
        r.db("rethinkdb").table("_debug_scratch").insert(r.hashMap("id", 1)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            assertThatThrownBy(() -> r.db("rethinkdb").table("_debug_scratch").coerceTo("array").run(bob))
                    .isInstanceOf(ReqlPermissionError.class)
                    .hasMessage("Internal permission error, required `admin` permission.");
            assertThatThrownBy(() -> r.db("rethinkdb").table("_debug_scratch").insert(r.hashMap("id", 2)).run(bob))
                    .isInstanceOf(ReqlPermissionError.class)
                    .hasMessage("Internal permission error, required `admin` permission.");
        }
        assertThat(r.db("rethinkdb").table("_debug_scratch").count().run(admin).single()).isEqualTo(1L);
    }

    @Test
    void aUserChangesTheirOwnPasswordOnlyWithPermissionsOnTheUsersTable() {
        r.db("rethinkdb").grant("bob", r.hashMap("read", null).with("write", null)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            refusedFor("read", () -> r.db("rethinkdb").table("users").get("bob")
                    .update(r.hashMap("password", "mine")).run(bob));
        }
        r.db("rethinkdb").table("users").grant("bob", r.hashMap("read", true).with("write", true)).run(admin);
        try (Connection bob = server.connect("bob", "pw")) {
            r.db("rethinkdb").table("users").get("bob").update(r.hashMap("password", "mine")).run(bob);
        }
        server.connect("bob", "mine").close();
    }
}

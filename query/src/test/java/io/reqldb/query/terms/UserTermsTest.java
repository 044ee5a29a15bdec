package io.reqldb.query.terms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import io.reqldb.query.StoreBackedTest;
import org.junit.jupiter.api.Test;

class UserTermsTest extends StoreBackedTest {
    private static final String USERS = "[15,[[14,[\"rethinkdb\"]],\"users\"]]";

    @Test
    void usersAreRowsOfTheUsersTable() {
        assertThat(reql.run("[56,[" + USERS + ",{\"id\":\"bob\",\"password\":\"secret\"}]]")).contains("\"inserted\":1");
        assertThat(reql.run(USERS)).isEqualTo("[{\"id\":\"admin\",\"password\":false},{\"id\":\"bob\",\"password\":true}]");
        assertThat(reql.run("[56,[" + USERS + ",{\"id\":\"eve\",\"password\":1}]]"))
                .contains("Expected an object, string or boolean for `password`, got 1.");
        assertThat(reql.run("[54,[[16,[" + USERS + ",\"admin\"]]]]")).contains("The user `admin` can't be deleted.");
    }

    @Test
    void grantMergesPermissions() {
        reql.run("[56,[" + USERS + ",{\"id\":\"bob\",\"password\":false}]]");
        assertThat(reql.run("[188,[\"bob\",{\"read\":true}]]")).isEqualTo(
                "{\"granted\":1,\"permissions_changes\":[{\"new_val\":{\"read\":true},\"old_val\":null}]}");
        assertThat(reql.run("[188,[\"bob\",{\"read\":null,\"write\":false}]]")).contains(
                "{\"new_val\":{\"write\":false},\"old_val\":{\"read\":true}}");
        assertThat(catchThrowable(() -> reql.run("[188,[\"bob\",{\"read\":1}]]")))
                .hasMessage("Expected a boolean or null for `read`, got 1.");
        assertThat(catchThrowable(() -> reql.run("[188,[[14,[\"test\"]],\"bob\",{\"connect\":true}]]")))
                .hasMessage("The `connect` permission is only valid at the global scope.");
        assertThat(catchThrowable(() -> reql.run("[188,[\"admin\",{\"read\":false}]]")))
                .hasMessage("The permissions of the user `admin` can't be modified.");
    }

    @Test
    void writeHooksRewriteAndGuardWrites() {
        reql.run("[60,[\"t\"]]");
        // set_write_hook(t, (ctx, old, new) => new.merge({h: 1}))
        assertThat(reql.run("[189,[[15,[\"t\"]],[69,[[2,[1,2,3]],[35,[[10,[3]],{\"h\":1}]]]]]]"))
                .isEqualTo("{\"created\":1}");
        reql.run("[56,[[15,[\"t\"]],{\"id\":1}]]");
        assertThat(reql.run("[16,[[15,[\"t\"]],1]]")).isEqualTo("{\"h\":1,\"id\":1}");
        assertThat(reql.run("[190,[[15,[\"t\"]]]]"))
                .contains("\"query\":\"setWriteHook(function(var1, var2, var3) { return var3.merge({\\\"h\\\": 1}); })\"");
        assertThat(reql.run("[189,[[15,[\"t\"]],null]]")).isEqualTo("{\"deleted\":1}");
    }
}

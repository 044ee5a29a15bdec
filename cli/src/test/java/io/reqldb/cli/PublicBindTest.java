package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A bind beyond loopback while {@code admin} has no password is refused before anything is
 * created (RethinkDB starts silently); loopback needs no password. The tests never listen beyond
 * loopback: every refusal comes before the bind.
 */
class PublicBindTest {
    @TempDir
    Path tmp;

    @Test
    void bindAll_withoutPassword_onANewDirectory_isRefusedAndCreatesNothing() throws Exception {
        Path data = tmp.resolve("data");
        ServeHarness serve = new ServeHarness();
        assertThat(serve.start("--directory", data.toString(), "--driver-port", "0", "--bind", "all")).isNull();
        assertThat(serve.err()).isEqualTo("Refusing to listen on all interfaces while the admin user has no password: "
                + "start with --initial-password PASSWORD (or --initial-password auto to generate one), or set one "
                + "while bound to loopback with r.db('rethinkdb').table('users').get('admin').update({password: "
                + "'...'})." + System.lineSeparator());
        assertThat(data).doesNotExist();
    }

    @Test
    void bindAll_onADirectoryWhoseAdminHasNoPassword_isRefused() throws Exception {
        Path data = tmp.resolve("data");
        try (ServeCommand.Running loopback = new ServeHarness().start("--directory", data.toString(),
                "--driver-port", "0")) {
            assertThat(loopback).isNotNull();
        }
        ServeHarness serve = new ServeHarness();
        assertThat(serve.start("--directory", data.toString(), "--driver-port", "0", "--bind", "all")).isNull();
        assertThat(serve.err()).startsWith("Refusing to listen on all interfaces while the admin user has no password");
        assertThat(serve.err().lines()).hasSize(1);
    }

    @Test
    void webConsoleBoundBeyondLoopback_withoutPassword_isRefusedToo() throws Exception {
        Path data = tmp.resolve("data");
        ServeHarness serve = new ServeHarness();
        assertThat(serve.start("--directory", data.toString(), "--driver-port", "0", "--http-port", "0",
                "--bind-http", "all")).isNull();
        assertThat(serve.err()).startsWith("Refusing to listen on all interfaces while the admin user has no password");
        assertThat(data).doesNotExist();
    }

    @Test
    void webConsoleOff_ignoresItsBind() throws Exception {
        try (ServeCommand.Running s = new ServeHarness().start("--directory", tmp.resolve("data").toString(),
                "--driver-port", "0", "--no-http-admin", "--bind-http", "all")) {
            assertThat(s).isNotNull();
            assertThat(s.console()).isNull();
        }
    }

    @Test
    void loopbackBinds_needNoPassword() throws Exception {
        try (ServeCommand.Running s = new ServeHarness().start("--directory", tmp.resolve("data").toString(),
                "--driver-port", "0", "--bind", "127.0.0.2")) {
            assertThat(s).isNotNull();
        }
    }

    @Test
    void publicMeansAnyAddressBeyondLoopback() throws Exception {
        assertThat(PublicBindRule.isPublic(BindAddresses.parse(null, true))).isFalse();
        assertThat(PublicBindRule.isPublic(BindAddresses.parse(List.of("127.0.0.2", "::1"), true))).isFalse();
        assertThat(PublicBindRule.isPublic(BindAddresses.parse(List.of("all"), true))).isTrue();
        assertThat(PublicBindRule.isPublic(List.of(InetAddress.getByName("192.168.1.10")))).isTrue();
        assertThat(PublicBindRule.refusal(List.of(InetAddress.getLoopbackAddress(),
                InetAddress.getByName("10.0.0.5")))).startsWith("Refusing to listen on 10.0.0.5 while");
    }
}

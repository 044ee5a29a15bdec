package io.reqldb.cli;

import java.net.InetAddress;
import java.util.List;
import java.util.stream.Collectors;

/**
 * ReqlDB refuses what RethinkDB allows: listening beyond loopback while the {@code admin} user
 * has no password, which hands the whole database (and {@code r.http} from inside its network)
 * to anyone who can reach the port. Loopback-only serving needs no password.
 */
final class PublicBindRule {
    private PublicBindRule() {
    }

    /** Whether any address is reachable from other machines (the wildcard included). */
    static boolean isPublic(List<InetAddress> addresses) {
        return addresses.stream().anyMatch(a -> !a.isLoopbackAddress());
    }

    /** The one-line refusal, saying how to set a password. */
    static String refusal(List<InetAddress> addresses) {
        String where = addresses.stream().filter(a -> !a.isLoopbackAddress())
                .map(a -> a.isAnyLocalAddress() ? "all interfaces" : a.getHostAddress())
                .collect(Collectors.joining(", "));
        return "Refusing to listen on " + where + " while the admin user has no password: start with "
                + "--initial-password PASSWORD (or --initial-password auto to generate one), or set one while "
                + "bound to loopback with r.db('rethinkdb').table('users').get('admin').update({password: '...'}).";
    }
}

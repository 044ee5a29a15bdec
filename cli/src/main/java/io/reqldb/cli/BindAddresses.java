package io.reqldb.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * RethinkDB's {@code --bind}: loopback is always listened on, each value adds an address, and
 * {@code all} means every interface.
 */
final class BindAddresses {
    private BindAddresses() {
    }

    /** @throws IllegalArgumentException for a value that is neither {@code all} nor an address */
    static List<InetAddress> parse(List<String> values) {
        Set<InetAddress> out = new LinkedHashSet<>();
        out.add(InetAddress.getLoopbackAddress());
        if (values == null) {
            return List.copyOf(out);
        }
        for (String value : values) {
            if (value.equals("all")) {
                // The wildcard covers loopback too; binding both would collide on the port.
                return List.of(wildcard());
            }
            try {
                out.add(InetAddress.getByName(value));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--bind " + value + ": not an address of this machine", e);
            }
        }
        return List.copyOf(out);
    }

    private static InetAddress wildcard() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("0.0.0.0 is always a valid address", e);
        }
    }
}

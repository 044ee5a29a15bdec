package io.reqldb.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * RethinkDB's {@code --bind} (or {@code --bind-driver}, which overrides it for the driver port):
 * loopback is listened on unless {@code --no-default-bind}, each value adds an address, and
 * {@code all} means every interface.
 */
final class BindAddresses {
    private BindAddresses() {
    }

    /**
     * @param values       the {@code --bind} values, or null for none
     * @param withLoopback false under {@code --no-default-bind}
     * @throws IllegalArgumentException for a value that is neither {@code all} nor an address, or
     *                                  when no address is left to listen on
     */
    static List<InetAddress> parse(List<String> values, boolean withLoopback) {
        Set<InetAddress> out = new LinkedHashSet<>();
        if (withLoopback) {
            out.add(InetAddress.getLoopbackAddress());
        }
        if (values == null || values.isEmpty()) {
            if (out.isEmpty()) {
                throw new IllegalArgumentException("--no-default-bind leaves no address to listen on: "
                        + "give --bind ADDR (or --bind-driver ADDR) too.");
            }
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

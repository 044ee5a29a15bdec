package io.reqldb.cli;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;

/** RethinkDB's {@code --bind} values: none means loopback only, {@code all} every interface. */
final class BindAddresses {
    private BindAddresses() {
    }

    /** @throws IllegalArgumentException for a value that is neither {@code all} nor an address */
    static List<InetAddress> parse(List<String> values) {
        if (values == null || values.isEmpty()) {
            return List.of(InetAddress.getLoopbackAddress());
        }
        List<InetAddress> out = new ArrayList<>();
        for (String value : values) {
            if (value.equals("all")) {
                return List.of(wildcard());
            }
            try {
                out.add(InetAddress.getByName(value));
            } catch (UnknownHostException e) {
                throw new IllegalArgumentException("--bind " + value + ": not an address of this machine", e);
            }
        }
        return out;
    }

    private static InetAddress wildcard() {
        try {
            return InetAddress.getByAddress(new byte[4]);
        } catch (UnknownHostException e) {
            throw new IllegalStateException("0.0.0.0 is always a valid address", e);
        }
    }
}

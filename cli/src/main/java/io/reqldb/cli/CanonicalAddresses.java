package io.reqldb.cli;

import io.reqldb.query.system.ServedProcess.Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code server_status.network.canonical_addresses}, as RethinkDB reports them: the
 * {@code --canonical-address} values ({@code host[:port]}, {@code [v6]:port}), else the addresses
 * the server is bound to (every interface's for {@code --bind all}), each with the cluster port.
 */
final class CanonicalAddresses {
    private CanonicalAddresses() {
    }

    /** @throws IllegalArgumentException for a port that is not a number from 0 to 65535 */
    static List<Address> of(List<String> given, List<InetAddress> bound, int clusterPort) {
        List<Address> out = new ArrayList<>();
        if (given != null && !given.isEmpty()) {
            for (String value : given) {
                out.add(parse(value, clusterPort));
            }
            return out;
        }
        for (InetAddress address : bound) {
            if (address.isAnyLocalAddress()) {
                for (InetAddress local : interfaceAddresses()) {
                    out.add(new Address(local.getHostAddress().replaceFirst("%.*", ""), clusterPort));
                }
            } else {
                out.add(new Address(address.getHostAddress(), clusterPort));
            }
        }
        return out;
    }

    private static Address parse(String value, int clusterPort) {
        String host = value;
        String port = null;
        if (value.startsWith("[") && value.contains("]")) {
            host = value.substring(1, value.indexOf(']'));
            String rest = value.substring(value.indexOf(']') + 1);
            port = rest.startsWith(":") ? rest.substring(1) : null;
        } else if (value.indexOf(':') >= 0 && value.indexOf(':') == value.lastIndexOf(':')) {
            host = value.substring(0, value.indexOf(':'));
            port = value.substring(value.indexOf(':') + 1);
        }
        if (port == null) {
            return new Address(host, clusterPort);
        }
        try {
            int p = Integer.parseInt(port);
            if (p >= 0 && p <= 65535) {
                return new Address(host, p);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--canonical-address " + value + ": '" + port
                + "' is not a port: give host or host:port (a number from 0 to 65535).");
    }

    private static List<InetAddress> interfaceAddresses() {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
                if (nic.isUp()) {
                    out.addAll(Collections.list(nic.getInetAddresses()));
                }
            }
        } catch (SocketException e) {
            out.add(InetAddress.getLoopbackAddress());
        }
        return out;
    }
}

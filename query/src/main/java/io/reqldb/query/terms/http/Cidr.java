package io.reqldb.query.terms.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * A block of IP addresses in CIDR form ({@code 10.0.0.0/8}, {@code fe80::/10}; a bare address is
 * one address). IPv4 and IPv6 blocks never match each other's addresses; Java already reads an
 * IPv4-mapped IPv6 address ({@code ::ffff:127.0.0.1}) as the IPv4 address.
 *
 * @param network the block's first address bytes (4 or 16)
 * @param bits    how many leading bits must match
 */
public record Cidr(byte[] network, int bits) {

    /** @throws IllegalArgumentException for anything but an IP literal with an optional /bits */
    public static Cidr parse(String text) {
        String t = text.trim();
        int slash = t.indexOf('/');
        String address = slash < 0 ? t : t.substring(0, slash);
        // Only literals: a host name here would be resolved once, at start-up, and then go stale.
        if (address.isEmpty() || !(address.contains(":") || address.matches("[0-9.]+"))) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block");
        }
        byte[] bytes;
        try {
            bytes = InetAddress.getByName(address).getAddress();
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR block", e);
        }
        int bits = bytes.length * 8;
        if (slash >= 0) {
            try {
                bits = Integer.parseInt(t.substring(slash + 1));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + text + "': the prefix length is not a number", e);
            }
            if (bits < 0 || bits > bytes.length * 8) {
                throw new IllegalArgumentException("'" + text + "': the prefix length must be 0.." + bytes.length * 8);
            }
        }
        return new Cidr(bytes, bits);
    }

    public boolean contains(InetAddress address) {
        byte[] a = address.getAddress();
        if (a.length != network.length) {
            return false;
        }
        for (int i = 0; i < bits; i++) {
            int mask = 0x80 >> (i % 8);
            if ((a[i / 8] & mask) != (network[i / 8] & mask)) {
                return false;
            }
        }
        return true;
    }
}

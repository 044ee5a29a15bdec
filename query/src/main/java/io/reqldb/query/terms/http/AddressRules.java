package io.reqldb.query.terms.http;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

/**
 * Which addresses {@code r.http} may connect to, so a query cannot reach the server's own
 * machine or network (cloud metadata at 169.254.169.254, admin consoles on loopback, databases on
 * private ranges). The most specific matching block decides (an allow wins a tie); addresses no
 * block matches are allowed. Checked on the resolved address of every connection, redirects
 * included, before connecting.
 *
 * <p>Defaults: this host (loopback, 0.0.0.0/8, ::) and link-local are always denied; private
 * ranges too when the server listens beyond loopback, since then queries may come from anyone
 * holding a password rather than from this machine. {@code --http-allow} and {@code --http-deny}
 * add blocks over these.
 */
public final class AddressRules {
    /** One block and its verdict; {@code why} names the kind of address in refusals. */
    private record Rule(Cidr block, boolean allow, String why) {
    }

    private static final List<Rule> THIS_HOST_AND_LINK_LOCAL = List.of(
            deny("127.0.0.0/8", "loopback"), deny("::1/128", "loopback"),
            deny("0.0.0.0/8", "this host"), deny("::/128", "this host"),
            deny("169.254.0.0/16", "link-local"), deny("fe80::/10", "link-local"));
    private static final List<Rule> PRIVATE = List.of(
            deny("10.0.0.0/8", "private"), deny("172.16.0.0/12", "private"), deny("192.168.0.0/16", "private"),
            deny("fc00::/7", "private"));

    private final List<Rule> rules;

    private AddressRules(List<Rule> rules) {
        this.rules = List.copyOf(rules);
    }

    /**
     * The defaults for a server listening on loopback only ({@code publicBind} false) or beyond,
     * with the operator's blocks added.
     *
     * @throws IllegalArgumentException naming a block that is not an address or CIDR block
     */
    public static AddressRules of(boolean publicBind, List<String> allow, List<String> deny) {
        List<Rule> rules = new ArrayList<>(THIS_HOST_AND_LINK_LOCAL);
        if (publicBind) {
            rules.addAll(PRIVATE);
        }
        for (String block : deny) {
            rules.add(new Rule(Cidr.parse(block), false, "denied by --http-deny " + block.trim()));
        }
        for (String block : allow) {
            rules.add(new Rule(Cidr.parse(block), true, null));
        }
        return new AddressRules(rules);
    }

    /** Why connecting to {@code address} is refused, or null when it is allowed. */
    public String refusal(InetAddress address) {
        Rule best = null;
        for (Rule r : rules) {
            if (r.block().contains(address) && (best == null || r.block().bits() > best.block().bits()
                    || r.block().bits() == best.block().bits() && r.allow())) {
                best = r;
            }
        }
        return best == null || best.allow() ? null : best.why();
    }

    private static Rule deny(String block, String why) {
        return new Rule(Cidr.parse(block), false, why);
    }
}

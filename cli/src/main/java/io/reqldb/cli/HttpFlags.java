package io.reqldb.cli;

import io.reqldb.query.terms.http.AddressRules;
import io.reqldb.query.terms.http.HttpAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import javax.net.SocketFactory;
import picocli.CommandLine.Option;

/** What {@code r.http} may reach and read: ReqlDB's own options, as a mixin of {@code serve}. */
final class HttpFlags {

    @Option(names = "--http-allow", paramLabel = "CIDR[,CIDR...]", split = ",",
            description = "Let r.http reach these addresses even where denied (e.g. 127.0.0.1/32); repeatable.")
    List<String> allow = new ArrayList<>();

    @Option(names = "--http-deny", paramLabel = "CIDR[,CIDR...]", split = ",",
            description = "Keep r.http from these addresses too (loopback and link-local always, private "
                    + "ranges when bound beyond loopback); repeatable. The most specific block wins.")
    List<String> deny = new ArrayList<>();

    @Option(names = "--http-max-body", paramLabel = "SIZE",
            description = "Largest r.http response body, in bytes or with k, m or g (default: 64m).")
    String maxBody;

    /**
     * @param publicBind whether the server listens beyond loopback (then private ranges are denied)
     * @throws IllegalArgumentException for a block or size that does not parse
     */
    HttpAccess access(boolean publicBind) {
        AddressRules rules;
        try {
            rules = AddressRules.of(publicBind, allow, deny);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--http-allow/--http-deny: " + e.getMessage(), e);
        }
        long max = maxBody == null ? HttpAccess.DEFAULT_MAX_BODY_BYTES : size(maxBody);
        return new HttpAccess(rules, max, SocketFactory.getDefault());
    }

    private static long size(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        int shift = switch (t.isEmpty() ? ' ' : t.charAt(t.length() - 1)) {
            case 'k' -> 10;
            case 'm' -> 20;
            case 'g' -> 30;
            default -> 0;
        };
        try {
            long n = Long.parseLong(shift == 0 ? t : t.substring(0, t.length() - 1));
            if (n >= 1 && n <= (Long.MAX_VALUE >> shift)) {
                return n << shift;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("--http-max-body " + text + ": expected a positive size such as 1048576, "
                + "512k, 64m or 1g");
    }
}

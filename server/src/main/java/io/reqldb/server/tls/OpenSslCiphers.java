package io.reqldb.server.tls;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * RethinkDB's {@code --tls-ciphers} takes an OpenSSL cipher list ({@code ciphers(1)}); this reads
 * that language over the suites Java supports, so the same string selects the same suites:
 * entries separated by {@code :}, spaces or commas; each a suite (OpenSSL's name, e.g.
 * {@code ECDHE-RSA-AES128-GCM-SHA256}, or the IANA/Java one) or aliases joined by {@code +}
 * (all must match: {@code EECDH+AESGCM}); {@code !} removes for good, {@code -} removes,
 * {@code +} moves to the end; {@code @STRENGTH} sorts by key length. Names OpenSSL knows for
 * suites Java lacks (RC4, CAMELLIA, aNULL, ...) select nothing, as unknown names do in OpenSSL.
 *
 * <p>As in OpenSSL 1.1.1 and later, the list governs TLS 1.2 and older only: TLS 1.3 suites are
 * always the JVM's (all AEAD with ephemeral keys).
 */
public final class OpenSslCiphers {
    /** RethinkDB 2.4's default: ECDHE key exchange (forward secrecy) with AES-GCM. */
    public static final String RETHINKDB_DEFAULT = "EECDH+AESGCM";

    private static final Pattern JSSE_NAME = Pattern.compile(
            "TLS_(ECDHE|DHE|RSA)_(?:(RSA|ECDSA|DSS)_)?WITH_(AES_128_GCM|AES_256_GCM|AES_128_CBC|AES_256_CBC"
            + "|CHACHA20_POLY1305|3DES_EDE_CBC)_(SHA|SHA256|SHA384)");

    private OpenSslCiphers() {
    }

    /** One TLS 1.2-or-older suite, described by OpenSSL's attributes. */
    record Suite(String jsse, String openssl, String kx, String auth, String enc, String mac, int bits) {
        boolean is(String alias) {
            return switch (alias) {
                case "ALL", "DEFAULT" -> true;
                case "HIGH" -> bits >= 128;
                case "MEDIUM" -> bits < 128;
                case "kECDHE", "kEECDH", "ECDHE", "EECDH", "ECDH" -> kx.equals("ECDHE");
                case "kDHE", "kEDH", "DHE", "EDH", "DH" -> kx.equals("DHE");
                case "kRSA", "RSA" -> kx.equals("RSA");
                case "aRSA" -> auth.equals("RSA");
                case "aECDSA", "ECDSA" -> auth.equals("ECDSA");
                case "aDSS", "DSS" -> auth.equals("DSS");
                case "AES" -> enc.startsWith("AES");
                case "AES128" -> enc.startsWith("AES_128");
                case "AES256" -> enc.startsWith("AES_256");
                case "AESGCM" -> enc.endsWith("_GCM");
                case "CHACHA20" -> enc.startsWith("CHACHA20");
                case "3DES" -> enc.startsWith("3DES");
                case "SHA1", "SHA" -> mac.equals("SHA");
                case "SHA256" -> mac.equals("SHA256") && !aead();
                case "SHA384" -> mac.equals("SHA384") && !aead();
                case "TLSv1.2" -> aead() || !mac.equals("SHA");
                case "TLSv1", "SSLv3" -> !aead() && mac.equals("SHA");
                default -> alias.equals(openssl) || alias.equals(jsse);
            };
        }

        private boolean aead() {
            return enc.endsWith("_GCM") || enc.startsWith("CHACHA20");
        }
    }

    /**
     * The Java names of the suites {@code cipherList} selects, in its order of preference.
     *
     * @param available the suites to choose from, in the JVM's order of preference
     * @throws IllegalArgumentException when it selects none (OpenSSL's "No cipher match")
     */
    public static List<String> select(String cipherList, List<String> available) {
        List<Suite> all = new ArrayList<>();
        for (String name : available) {
            Suite s = describe(name);
            if (s != null) {
                all.add(s);
            }
        }
        LinkedHashSet<Suite> chosen = new LinkedHashSet<>();
        Set<Suite> banned = new HashSet<>();
        for (String entry : cipherList.trim().split("[:, ]+")) {
            if (entry.isEmpty() || entry.startsWith("@SECLEVEL")) {
                continue;
            }
            if (entry.equals("@STRENGTH")) {
                List<Suite> sorted = new ArrayList<>(chosen);
                sorted.sort(Comparator.comparingInt(Suite::bits).reversed());
                chosen.clear();
                chosen.addAll(sorted);
                continue;
            }
            char op = entry.charAt(0);
            String aliases = op == '!' || op == '-' || op == '+' ? entry.substring(1) : entry;
            Predicate<Suite> matches = s -> true;
            for (String alias : aliases.split("\\+")) {
                matches = matches.and(s -> s.is(alias));
            }
            for (Suite s : all) {
                if (!matches.test(s)) {
                    continue;
                }
                switch (op) {
                    case '!' -> {
                        banned.add(s);
                        chosen.remove(s);
                    }
                    case '-' -> chosen.remove(s);
                    case '+' -> {
                        if (chosen.remove(s)) {
                            chosen.add(s);
                        }
                    }
                    default -> {
                        if (!banned.contains(s)) {
                            chosen.add(s);
                        }
                    }
                }
            }
        }
        if (chosen.isEmpty()) {
            throw new IllegalArgumentException("No secure cipher suites available: --tls-ciphers '" + cipherList
                    + "' selects none of the TLS 1.2 cipher suites Java supports.");
        }
        return chosen.stream().map(Suite::jsse).toList();
    }

    /** OpenSSL's view of a Java suite name, or null for kinds OpenSSL 1.1 dropped or Java lacks. */
    static Suite describe(String jsse) {
        Matcher m = JSSE_NAME.matcher(jsse);
        if (!m.matches()) {
            return null;
        }
        String kx = m.group(1);
        String auth = m.group(2) != null ? m.group(2) : "RSA";
        String enc = m.group(3);
        String mac = m.group(4);
        StringBuilder name = new StringBuilder();
        if (!kx.equals("RSA")) {
            name.append(kx).append('-').append(auth).append('-');
        }
        name.append(switch (enc) {
            case "AES_128_GCM" -> "AES128-GCM";
            case "AES_256_GCM" -> "AES256-GCM";
            case "AES_128_CBC" -> "AES128";
            case "AES_256_CBC" -> "AES256";
            case "3DES_EDE_CBC" -> "DES-CBC3";
            default -> "CHACHA20-POLY1305";
        });
        if (!enc.startsWith("CHACHA20")) {
            name.append('-').append(mac);
        }
        int bits = enc.contains("128") ? 128 : enc.startsWith("3DES") ? 112 : 256;
        return new Suite(jsse, name.toString().toUpperCase(Locale.ROOT), kx, auth, enc, mac, bits);
    }
}

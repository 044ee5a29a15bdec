package io.reqldb.query.terms.http;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.NullDatum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlNonExistenceError;
import io.reqldb.query.error.ReqlResourceLimitError;
import io.reqldb.query.eval.Values;
import io.reqldb.query.limits.QueryControl;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Performs one {@code r.http} request the way RethinkDB 2.4 did with curl: retries on connection
 * failures and 408/500/502/503/504, follows at most {@code redirects} redirects, and turns the
 * body into a value by {@code result_format}. Failures are non-existence errors ("Error in HTTP
 * GET of `url`: status code 404.") so {@code default} can catch them. Beyond RethinkDB, every
 * connection (each redirect too) goes only to a resolved address the server's
 * {@link AddressRules} allow (else a permission error, before connecting), the body stops at
 * {@link HttpAccess#maxBodyBytes} (a resource-limit error), and {@code timeout} bounds the
 * resolution, connection and whole transfer.
 */
final class HttpFetcher {
    private static final Set<Integer> RETRY_STATUS = Set.of(408, 500, 502, 503, 504);
    private static final Pattern LINK = Pattern.compile("^\\s*<([^>]*)>\\s*(?:;\\s*([^,]+)\\s*(?:,|$))");
    private static final Pattern JSONP = Pattern.compile(
            "\\s*[$_\\p{L}\\p{Nl}][$_\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}]*\\s*"
            + "(?:\\.\\s*[$_\\p{L}\\p{Nl}][$_\\p{L}\\p{Nl}\\p{Mn}\\p{Mc}\\p{Nd}\\p{Pc}]*\\s*|\\[\\s*['\"].*['\"]\\s*\\]\\s*)?"
            + "\\((.*)\\)\\s*;?\\s*", Pattern.DOTALL);
    /** What a request gave back. */
    record Result(Datum body, ObjectDatum header) {
    }

    private HttpFetcher() {
    }

    static Result fetch(HttpOptions o) {
        HttpAccess access = o.access;
        String url = o.url.contains("://") ? o.url : "http://" + o.url;
        HttpWire.Response response = null;
        String failure = null;
        long deadline = System.nanoTime() + Math.min(o.timeoutMs, Long.MAX_VALUE / 4_000_000L) * 1_000_000L;
        if (o.attempts == 0) {
            throw error(o, "could not perform, no attempts allowed", null, null);
        }
        for (long attempt = 0; attempt < o.attempts; attempt++) {
            try {
                response = follow(o, access, url, deadline);
                failure = null;
                if (!RETRY_STATUS.contains(response.status())) {
                    break;
                }
            } catch (HttpWire.Timeout e) {
                throw new ReqlNonExistenceError(prefix(o) + timedOut(o) + ".");
            } catch (HttpWire.BodyTooLarge e) {
                throw new ReqlResourceLimitError(prefix(o) + "the body is larger than the server's limit of "
                        + access.maxBodyBytes() + " bytes (--http-max-body).");
            } catch (ConnectException e) {
                failure = "could not connect to server";
            } catch (IOException e) {
                failure = "error when receiving data";
            }
        }
        if (failure != null) {
            throw error(o, failure, null, null);
        }
        ObjectDatum header = headers(response);
        int status = response.status();
        String text = new String(response.body(), StandardCharsets.UTF_8);
        if (status < 200 || status >= 300) {
            throw error(o, "status code " + status, header, text.isEmpty() ? null : new StringDatum(text));
        }
        saveCookies(o, response);
        if (o.method.equals("HEAD")) {
            return new Result(NullDatum.INSTANCE, header);
        }
        Datum body = body(o, response, text, header);
        try {
            Values.checkArraysWithin(body, o.arrayLimit);
        } catch (ReqlResourceLimitError e) {
            // RethinkDB's HTTP worker reports the failed conversion as the request's error.
            throw new ReqlNonExistenceError(prefix(o) + e.getMessage() + ".");
        }
        // --http-max-body bounds the bytes; the query's budget bounds the value made of them.
        return new Result(QueryControl.current().checkFits(body), header);
    }

    private static String timedOut(HttpOptions o) {
        return "timed out after " + o.timeoutMs / 1000 + "." + String.format(Locale.ROOT, "%03d", o.timeoutMs % 1000)
                + " seconds";
    }

    private static HttpWire.Response follow(HttpOptions o, HttpAccess access, String url, long deadline)
            throws IOException {
        URI target = uri(o, withParams(url, o.params));
        String firstHost = target.getHost();
        byte[] body = requestBody(o);
        for (long redirects = 0; ; redirects++) {
            List<String> headers = requestHeaders(o, target.getHost().equalsIgnoreCase(firstHost));
            HttpWire.Response r = HttpDialer.send(o, access, target, headers, body, deadline);
            int s = r.status();
            String location = r.header("location");
            if (s < 300 || s >= 400 || location == null) {
                return r;
            }
            if (redirects >= o.maxRedirects) {
                if (o.maxRedirects == 0) {
                    return r;
                }
                throw error(o, "Number of redirects hit maximum amount", null, null);
            }
            try {
                target = uri(o, target.resolve(location.trim()).toString());
            } catch (IllegalArgumentException e) {
                throw error(o, "URL using bad/illegal format or missing URL", null, null);
            }
        }
    }

    /** An http or https URL with a host, or the error curl gives. */
    private static URI uri(HttpOptions o, String url) {
        URI u;
        try {
            u = new URI(url);
        } catch (URISyntaxException e) {
            throw error(o, "URL using bad/illegal format or missing URL", null, null);
        }
        String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw error(o, "Protocol \"" + scheme + "\" not supported or disabled in libcurl", null, null);
        }
        if (u.getHost() == null || u.getHost().isEmpty()) {
            throw error(o, "URL using bad/illegal format or missing URL", null, null);
        }
        return u;
    }

    /** The request's headers as lines; credentials only to the host first asked, as curl does. */
    private static List<String> requestHeaders(HttpOptions o, boolean sameHost) {
        List<String> lines = new ArrayList<>(o.headers);
        if (o.authUser != null && sameHost) {
            String token = Base64.getEncoder().encodeToString((o.authUser + ":" + o.authPass)
                    .getBytes(StandardCharsets.UTF_8));
            lines.add("Authorization: Basic " + token);
        }
        if (!o.cookies.isEmpty()) {
            StringBuilder c = new StringBuilder();
            o.cookies.forEach((k, v) -> c.append(c.length() == 0 ? "" : "; ").append(k).append('=').append(v));
            lines.add("Cookie: " + c);
        }
        if (o.form != null) {
            lines.add("Content-Type: application/x-www-form-urlencoded");
        }
        return lines;
    }

    private static byte[] requestBody(HttpOptions o) {
        if (o.form != null) {
            StringBuilder f = new StringBuilder();
            for (Map.Entry<String, String> e : o.form.entrySet()) {
                f.append(f.length() == 0 ? "" : "&").append(encode(e.getKey())).append('=').append(encode(e.getValue()));
            }
            return f.toString().getBytes(StandardCharsets.UTF_8);
        }
        if (o.data != null) {
            return o.data.getBytes(StandardCharsets.UTF_8);
        }
        return o.method.equals("POST") || o.method.equals("PUT") || o.method.equals("PATCH") ? new byte[0] : null;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String withParams(String url, ObjectDatum params) {
        if (params.size() == 0) {
            return url;
        }
        StringBuilder q = new StringBuilder();
        for (Map.Entry<String, Datum> e : params.fields().entrySet()) {
            q.append(q.length() == 0 ? "" : "&").append(encode(e.getKey())).append('=');
            Datum v = e.getValue();
            if (v instanceof StringDatum s) {
                q.append(encode(s.value()));
            } else if (v instanceof NumberDatum n) {
                q.append(encode(HttpTerm.printNumber(n.value())));
            }
        }
        return url + (url.contains("?") ? "&" : "?") + q;
    }

    private static Datum body(HttpOptions o, HttpWire.Response response, String text, ObjectDatum header) {
        switch (o.resultFormat) {
            case "json":
                return json(o, text, header, true);
            case "jsonp":
                return jsonp(o, text, header, true);
            case "text":
                return new StringDatum(text);
            case "binary":
                return BinaryDatum.wrap(response.body());
            default:
                break;
        }
        String type = response.header("content-type") == null ? "" : response.header("content-type").toLowerCase(Locale.ROOT);
        if (type.startsWith("application/json")) {
            return json(o, text, header, true);
        }
        if (type.startsWith("text/javascript") || type.startsWith("application/json-p") || type.startsWith("text/json-p")) {
            try {
                return DatumJson.parse(text);
            } catch (RuntimeException e) {
                Matcher m = JSONP.matcher(text);
                if (m.matches()) {
                    try {
                        return DatumJson.parse(m.group(1));
                    } catch (RuntimeException ignored) {
                        // Falls back to text, as RethinkDB does.
                    }
                }
                return new StringDatum(text);
            }
        }
        if (type.startsWith("audio/") || type.startsWith("image/") || type.startsWith("video/")
                || type.startsWith("application/octet-stream")) {
            return BinaryDatum.wrap(response.body());
        }
        return new StringDatum(text);
    }

    private static Datum json(HttpOptions o, String text, ObjectDatum header, boolean attach) {
        try {
            return DatumJson.parse(text);
        } catch (RuntimeException e) {
            throw error(o, "failed to parse JSON response: Invalid value.", header, attach ? new StringDatum(text) : null);
        }
    }

    private static Datum jsonp(HttpOptions o, String text, ObjectDatum header, boolean attach) {
        Matcher m = JSONP.matcher(text);
        if (!m.matches()) {
            throw error(o, "failed to parse JSONP response", header, attach ? new StringDatum(text) : null);
        }
        return json(o, m.group(1), header, attach);
    }

    /** Response headers as RethinkDB gives them; {@code Link} headers parsed into {rel: url}. */
    private static ObjectDatum headers(HttpWire.Response h) {
        TreeMap<String, Datum> fields = ObjectDatum.newFieldMap();
        TreeMap<String, Datum> links = ObjectDatum.newFieldMap();
        for (Map.Entry<String, List<String>> e : h.headers().entrySet()) {
            if (e.getKey().equalsIgnoreCase("link")) {
                for (String line : e.getValue()) {
                    String rest = line;
                    Matcher m = LINK.matcher(rest);
                    while (!rest.isEmpty() && m.find()) {
                        links.put(m.group(2) == null ? "" : m.group(2).trim(), new StringDatum(m.group(1)));
                        rest = rest.substring(m.end());
                        m = LINK.matcher(rest);
                    }
                }
                continue;
            }
            List<String> values = e.getValue();
            fields.put(canonical(e.getKey()), new StringDatum(values.get(values.size() - 1)));
        }
        if (!links.isEmpty()) {
            fields.put("link", ObjectDatum.wrap(links));
        }
        return ObjectDatum.wrap(fields);
    }

    /** Header names as servers usually write them (they are kept lower-cased until here). */
    private static String canonical(String name) {
        StringBuilder b = new StringBuilder(name.length());
        boolean up = true;
        for (char c : name.toCharArray()) {
            b.append(up ? Character.toUpperCase(c) : c);
            up = c == '-';
        }
        return b.toString();
    }

    private static void saveCookies(HttpOptions o, HttpWire.Response h) {
        for (String c : h.headers().getOrDefault("set-cookie", List.of())) {
            String pair = c.split(";", 2)[0];
            int eq = pair.indexOf('=');
            if (eq > 0) {
                o.cookies.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
            }
        }
    }

    static String prefix(HttpOptions o) {
        return "Error in HTTP " + o.method + " of `" + o.url + "`: ";
    }

    /**
     * A failure of the transfer itself, as RethinkDB's HTTP worker reports it: the response's
     * header and body follow the reason, {@code null} when there was none (a timeout is reported
     * by RethinkDB outside the worker, and so without them).
     */
    static ReqlNonExistenceError error(HttpOptions o, String what, ObjectDatum header, Datum body) {
        return new ReqlNonExistenceError(prefix(o) + what + ".\nheader:\n" + print(header) + "\nbody:\n" + print(body));
    }

    private static String print(Datum d) {
        return d == null ? "null" : DatumPrinter.print(d);
    }
}

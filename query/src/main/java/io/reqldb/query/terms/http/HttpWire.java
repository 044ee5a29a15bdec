package io.reqldb.query.terms.http;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import java.util.zip.InflaterInputStream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * One HTTP/1.1 exchange with an address already resolved and checked: connecting to that exact
 * address (so a second DNS answer cannot send it elsewhere), TLS with the URL's host name for SNI
 * and, with {@code verify}, certificate and host checks; the request; the response read under
 * one deadline for the whole transfer, its body (chunked or not, gzip or deflate as curl accepts
 * them) counted as it arrives and abandoned past the limit. One connection per request.
 */
final class HttpWire {
    private static final int MAX_HEADER_LINES = 1000;

    /** The deadline passed. */
    static final class Timeout extends IOException {
        Timeout() {
            super("timed out");
        }
    }

    /** The body grew past the limit. */
    static final class BodyTooLarge extends IOException {
        BodyTooLarge() {
            super("body too large");
        }
    }

    /** A response: status, headers by lower-case name (each with its values), body. */
    record Response(int status, Map<String, List<String>> headers, byte[] body) {
        String header(String name) {
            List<String> v = headers.get(name);
            return v == null ? null : v.get(v.size() - 1);
        }
    }

    private static final ScheduledExecutorService WATCHDOG = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "reqldb-http-deadline");
        t.setDaemon(true);
        return t;
    });

    private HttpWire() {
    }

    /**
     * @param headers request headers in order, already merged ({@code name: value} lines)
     * @param body    the request body, or null for none
     */
    static Response exchange(HttpAccess access, String method, URI uri, InetAddress address, List<String> headers,
                             byte[] body, boolean verify, long deadline) throws IOException {
        boolean https = uri.getScheme().equalsIgnoreCase("https");
        int port = uri.getPort() >= 0 ? uri.getPort() : https ? 443 : 80;
        Socket socket = access.sockets().createSocket();
        // Closing the socket at the deadline also stops a write the server never reads.
        Socket watched = socket;
        ScheduledFuture<?> watchdog = WATCHDOG.schedule(() -> closeQuietly(watched), millisLeft(deadline),
                TimeUnit.MILLISECONDS);
        try {
            socket.connect(new InetSocketAddress(address, port), millisLeft(deadline));
            if (https) {
                socket = tls(socket, hostName(uri), port, verify, deadline);
            }
            OutputStream out = socket.getOutputStream();
            out.write(requestHead(method, uri, port, https, headers, body).getBytes(StandardCharsets.ISO_8859_1));
            if (body != null) {
                out.write(body);
            }
            out.flush();
            return read(new HttpStreams.Deadline(socket, deadline), method, access.maxBodyBytes());
        } catch (IOException e) {
            if (!(e instanceof BodyTooLarge) && System.nanoTime() - deadline >= 0) {
                throw new Timeout();
            }
            throw e;
        } finally {
            watchdog.cancel(false);
            closeQuietly(socket);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // Closing is all that is wanted; a socket that fails to close is gone anyway.
        }
    }

    /** The URL's host as TLS wants it: no IPv6 brackets. */
    private static String hostName(URI uri) {
        String h = uri.getHost();
        return h.startsWith("[") ? h.substring(1, h.length() - 1) : h;
    }

    private static Socket tls(Socket plain, String host, int port, boolean verify, long deadline) throws IOException {
        SSLSocketFactory factory = verify ? (SSLSocketFactory) SSLSocketFactory.getDefault() : TrustAll.FACTORY;
        SSLSocket tls = (SSLSocket) factory.createSocket(plain, host, port, true);
        if (verify) {
            SSLParameters p = tls.getSSLParameters();
            p.setEndpointIdentificationAlgorithm("HTTPS");
            tls.setSSLParameters(p);
        }
        tls.setSoTimeout(millisLeft(deadline));
        try {
            tls.startHandshake();
        } catch (SocketTimeoutException e) {
            throw new Timeout();
        }
        return tls;
    }

    private static String requestHead(String method, URI uri, int port, boolean https, List<String> headers,
                                      byte[] body) {
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        boolean defaultPort = port == (https ? 443 : 80);
        Map<String, String> lines = new LinkedHashMap<>();
        put(lines, "Host: " + uri.getHost() + (defaultPort ? "" : ":" + port));
        put(lines, "User-Agent: RethinkDB/2.4.4");
        put(lines, "Accept: */*");
        put(lines, "Accept-Encoding: gzip, deflate");
        for (String h : headers) {
            put(lines, h);
        }
        // Framing is ours to say: a user's Content-Length or Transfer-Encoding would lie about it.
        lines.remove("content-length");
        lines.remove("transfer-encoding");
        lines.remove("connection");
        if (body != null) {
            lines.put("content-length", "Content-Length: " + body.length);
        }
        lines.put("connection", "Connection: close");
        StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\n");
        for (String line : lines.values()) {
            head.append(line).append("\r\n");
        }
        return head.append("\r\n").toString();
    }

    /** A header replaces one of the same name; an empty value removes it, as with curl. */
    private static void put(Map<String, String> lines, String line) {
        int colon = line.indexOf(':');
        String name = line.substring(0, colon).trim();
        String value = line.substring(colon + 1).trim();
        String key = name.toLowerCase(Locale.ROOT);
        if (value.isEmpty()) {
            lines.remove(key);
        } else {
            lines.put(key, name + ": " + value);
        }
    }

    private static Response read(InputStream in, String method, long maxBody) throws IOException {
        int status;
        Map<String, List<String>> headers;
        do {
            String statusLine = HttpStreams.line(in);
            String[] parts = statusLine.split(" ", 3);
            if (parts.length < 2 || !parts[0].startsWith("HTTP/")) {
                throw new IOException("not an HTTP response");
            }
            try {
                status = Integer.parseInt(parts[1]);
            } catch (NumberFormatException e) {
                throw new IOException("not an HTTP status", e);
            }
            headers = headers(in);
        } while (status >= 100 && status < 200);
        if (method.equals("HEAD") || status == 204 || status == 304) {
            return new Response(status, headers, new byte[0]);
        }
        InputStream body;
        String transfer = last(headers, "transfer-encoding");
        String length = last(headers, "content-length");
        String encoding = last(headers, "content-encoding");
        if (transfer != null && transfer.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = new HttpStreams.Chunked(in);
        } else if (length != null) {
            long n;
            try {
                n = Long.parseLong(length.trim());
            } catch (NumberFormatException e) {
                throw new IOException("bad Content-Length", e);
            }
            if (n > maxBody && encoding == null) {
                throw new BodyTooLarge();
            }
            body = new HttpStreams.Limited(in, n);
        } else {
            body = in;
        }
        if (encoding != null) {
            switch (encoding.trim().toLowerCase(Locale.ROOT)) {
                case "gzip", "x-gzip" -> body = new GZIPInputStream(body);
                case "deflate" -> body = new InflaterInputStream(body);
                default -> {
                    // identity, or one curl would not have asked for: passed on as it came
                }
            }
        }
        return new Response(status, headers, readCapped(body, maxBody));
    }

    private static byte[] readCapped(InputStream body, long max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[16384];
        long total = 0;
        for (int n; (n = body.read(buf)) > 0; ) {
            total += n;
            if (total > max) {
                throw new BodyTooLarge();
            }
            out.write(buf, 0, n);
        }
        return out.toByteArray();
    }

    private static Map<String, List<String>> headers(InputStream in) throws IOException {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int count = 0; ; count++) {
            String line = HttpStreams.line(in);
            if (line.isEmpty()) {
                return headers;
            }
            if (count >= MAX_HEADER_LINES) {
                throw new IOException("too many header lines");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        k -> new ArrayList<>()).add(line.substring(colon + 1).trim());
            }
        }
    }

    private static String last(Map<String, List<String>> headers, String name) {
        List<String> v = headers.get(name);
        return v == null ? null : v.get(v.size() - 1);
    }

    static int millisLeft(long deadline) throws Timeout {
        long left = (deadline - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new Timeout();
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    /** For {@code verify: false}: TLS without certificate or host checks, as curl's VERIFYPEER/HOST 0. */
    private static final class TrustAll {
        static final SSLSocketFactory FACTORY = factory();

        private static SSLSocketFactory factory() {
            TrustManager trustAll = new X509TrustManager() {
                @Override
                public void checkClientTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public void checkServerTrusted(X509Certificate[] chain, String authType) {
                }

                @Override
                public X509Certificate[] getAcceptedIssuers() {
                    return new X509Certificate[0];
                }
            };
            try {
                SSLContext context = SSLContext.getInstance("TLS");
                context.init(null, new TrustManager[] {trustAll}, null);
                return context.getSocketFactory();
            } catch (java.security.GeneralSecurityException e) {
                throw new IllegalStateException("the JDK always has TLS", e);
            }
        }
    }
}

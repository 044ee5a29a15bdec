package io.reqldb.query.terms.http;

import io.reqldb.query.error.ReqlPermissionError;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Where an {@code r.http} request may go: the host is resolved once (within the deadline), each
 * address is checked against the server's {@link AddressRules}, and only allowed ones are
 * connected to, so a DNS answer that changes between check and connect (rebinding) cannot
 * redirect the request. With no allowed address it refuses before any socket exists.
 */
final class HttpDialer {
    /** Name lookups, which Java cannot time out, run here so the query's deadline can. */
    private static final ExecutorService RESOLVER = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "reqldb-http-resolve");
        t.setDaemon(true);
        return t;
    });

    private HttpDialer() {
    }

    /**
     * Resolves the host once, keeps the addresses the rules allow, and connects to those (in the
     * resolver's order) and nowhere else; refuses before connecting when none is allowed.
     */
    static HttpWire.Response send(HttpOptions o, HttpAccess access, URI target, List<String> headers,
                                          byte[] body, long deadline) throws IOException {
        String host = target.getHost().startsWith("[")
                ? target.getHost().substring(1, target.getHost().length() - 1) : target.getHost();
        InetAddress[] addresses = resolve(o, host, deadline);
        List<InetAddress> allowed = new ArrayList<>();
        String refusal = null;
        for (InetAddress a : addresses) {
            String why = access.rules().refusal(a);
            if (why == null) {
                allowed.add(a);
            } else if (refusal == null) {
                refusal = "connecting to " + a.getHostAddress() + " is not allowed (" + why
                        + "; the server's --http-allow can permit it)";
            }
        }
        if (allowed.isEmpty()) {
            throw new ReqlPermissionError(HttpFetcher.prefix(o) + refusal + ".");
        }
        ConnectException last = null;
        for (InetAddress a : allowed) {
            try {
                return HttpWire.exchange(access, o.method, target, a, headers, body, o.verify, deadline);
            } catch (ConnectException e) {
                last = e;
            }
        }
        throw last;
    }

    private static InetAddress[] resolve(HttpOptions o, String host, long deadline) throws IOException {
        CompletableFuture<InetAddress[]> lookup = CompletableFuture.supplyAsync(() -> {
            try {
                return InetAddress.getAllByName(host);
            } catch (UnknownHostException e) {
                return new InetAddress[0];
            }
        }, RESOLVER);
        InetAddress[] found;
        try {
            found = lookup.get(HttpWire.millisLeft(deadline), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            throw new HttpWire.Timeout();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw HttpFetcher.error(o, "interrupted", null, null);
        } catch (ExecutionException e) {
            found = new InetAddress[0];
        }
        if (found.length == 0) {
            throw HttpFetcher.error(o, "Couldn't resolve host name", null, null);
        }
        return found;
    }
}

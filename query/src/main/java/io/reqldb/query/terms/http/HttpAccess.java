package io.reqldb.query.terms.http;

import javax.net.SocketFactory;

/**
 * What the server lets {@code r.http} do: which addresses it may reach, and how large a body it
 * may read (bodies are read as they arrive and dropped at the limit, so a huge or endless body
 * costs at most this much memory).
 *
 * @param rules        the addresses it may connect to
 * @param maxBodyBytes the largest body, after decompression, a request may return
 * @param sockets      makes the sockets it connects (the JDK's; tests count connections with it)
 */
public record HttpAccess(AddressRules rules, long maxBodyBytes, SocketFactory sockets) {
    /**
     * 64 MiB: above what any API page, feed or typical download needs, and small enough that a
     * handful of such bodies at once (a JSON body may grow several times over as values) fits a
     * default heap.
     */
    public static final long DEFAULT_MAX_BODY_BYTES = 64L << 20;

    /**
     * The defaults of a server listening beyond loopback, the strictest: what queries get wherever
     * no settings were given (engines made without them, contexts of stored functions).
     */
    public static final HttpAccess STRICT = new HttpAccess(
            AddressRules.of(true, java.util.List.of(), java.util.List.of()), DEFAULT_MAX_BODY_BYTES,
            SocketFactory.getDefault());

    public HttpAccess {
        if (maxBodyBytes < 1) {
            throw new IllegalArgumentException("the body size limit must be positive");
        }
    }
}

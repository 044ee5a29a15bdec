package io.reqldb.query.stats;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The {@link PerSecond} rate of each named total, shared by everything that reports rates. */
public final class Rates {
    private final Map<String, PerSecond> rates = new ConcurrentHashMap<>();

    /** The rate of the total named {@code what} (e.g. "queries", or a table's "read:" + id), now {@code total}. */
    public double perSecond(String what, long total) {
        return rates.computeIfAbsent(what, w -> new PerSecond()).rate(total);
    }
}

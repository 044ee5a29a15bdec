package io.reqldb.console;

import java.net.InetAddress;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Slows password guessing at the console's sign-in. An address may get {@value #FREE_FAILURES}
 * passwords wrong in a row; after that it must wait before each further try, a second after the
 * first extra failure, the wait doubling with every failure after it up to five minutes. A right
 * password clears the address's record. The wait is checked before the password is hashed, so a
 * refused try costs the server nothing (each checked one costs a PBKDF2 of 4096 rounds).
 *
 * <p>At most {@value #MAX_ADDRESSES} addresses are remembered, the least recently seen forgotten
 * first, so that a flood of addresses cannot grow the table without bound.
 */
final class SignInThrottle {
    static final int FREE_FAILURES = 5;
    static final long FIRST_WAIT_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final long MAX_WAIT_NANOS = TimeUnit.MINUTES.toNanos(5);
    private static final int MAX_ADDRESSES = 10_000;

    private final LongSupplier nanoClock;
    private final Map<InetAddress, Failures> failures = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<InetAddress, Failures> eldest) {
            return size() > MAX_ADDRESSES;
        }
    };

    /** @param nanoClock a monotonic clock in nanoseconds, {@code System::nanoTime} but in tests */
    SignInThrottle(LongSupplier nanoClock) {
        this.nanoClock = nanoClock;
    }

    /** How long {@code address} must still wait before its next try, in nanoseconds; 0 when it may try now. */
    synchronized long waitNanos(InetAddress address) {
        Failures f = failures.get(address);
        return f == null ? 0 : Math.max(0, f.lockedUntil - nanoClock.getAsLong());
    }

    synchronized void failed(InetAddress address) {
        Failures before = failures.get(address);
        int count = before == null ? 1 : before.count + 1;
        long now = nanoClock.getAsLong();
        failures.put(address, new Failures(count, count <= FREE_FAILURES ? now : now + wait(count - FREE_FAILURES)));
    }

    synchronized void succeeded(InetAddress address) {
        failures.remove(address);
    }

    /** The wait after the {@code extra}-th failure beyond the free ones: 1 s, 2 s, 4 s, ... at most five minutes. */
    private static long wait(int extra) {
        int doublings = Math.min(extra - 1, 30);
        return Math.min(MAX_WAIT_NANOS, FIRST_WAIT_NANOS << doublings);
    }

    private record Failures(int count, long lockedUntil) {}
}

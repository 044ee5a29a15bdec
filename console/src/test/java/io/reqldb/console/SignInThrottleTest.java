package io.reqldb.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class SignInThrottleTest {
    private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

    private long now = 1_000 * SECOND;
    private final SignInThrottle throttle = new SignInThrottle(() -> now);
    private final InetAddress guesser = InetAddress.getLoopbackAddress();

    @Test
    void theFreeFailures_costNoWait_thenEachFurtherOneDoublesIt() throws Exception {
        failTimes(SignInThrottle.FREE_FAILURES);
        assertThat(throttle.waitNanos(guesser)).isZero();
        throttle.failed(guesser);
        assertThat(throttle.waitNanos(guesser)).isEqualTo(SECOND);
        now += SECOND;
        throttle.failed(guesser);
        assertThat(throttle.waitNanos(guesser)).isEqualTo(2 * SECOND);
        now += 2 * SECOND;
        throttle.failed(guesser);
        assertThat(throttle.waitNanos(guesser)).isEqualTo(4 * SECOND);
        now += SECOND;
        assertThat(throttle.waitNanos(guesser)).as("the wait runs down with the clock").isEqualTo(3 * SECOND);
    }

    @Test
    void theWait_isAtMostFiveMinutes() {
        failTimes(SignInThrottle.FREE_FAILURES + 100);
        assertThat(throttle.waitNanos(guesser)).isEqualTo(SignInThrottle.MAX_WAIT_NANOS);
    }

    @Test
    void aRightPassword_clearsTheRecord() {
        failTimes(SignInThrottle.FREE_FAILURES);
        throttle.succeeded(guesser);
        throttle.failed(guesser);
        assertThat(throttle.waitNanos(guesser)).isZero();
    }

    @Test
    void addresses_areCountedApart() throws Exception {
        failTimes(SignInThrottle.FREE_FAILURES + 1);
        assertThat(throttle.waitNanos(InetAddress.getByName("192.0.2.7"))).isZero();
    }

    private void failTimes(int n) {
        for (int i = 0; i < n; i++) {
            throttle.failed(guesser);
        }
    }
}

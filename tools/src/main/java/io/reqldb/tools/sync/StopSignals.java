package io.reqldb.tools.sync;

import java.util.ArrayList;
import java.util.List;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * SIGINT and SIGTERM turned into a request to stop (so {@code sync} can catch up and verify
 * before it exits) for as long as this is open; the JVM's own handlers are put back on close.
 * A second signal while stopping is then the JVM's: it exits at once.
 */
public final class StopSignals implements AutoCloseable {
    private final List<Signal> signals = new ArrayList<>();
    private final List<SignalHandler> previous = new ArrayList<>();
    private volatile boolean requested;

    private StopSignals() {}

    /** Installs the handlers. */
    public static StopSignals install() {
        StopSignals stop = new StopSignals();
        for (String name : List.of("INT", "TERM")) {
            Signal signal = new Signal(name);
            stop.signals.add(signal);
            stop.previous.add(Signal.handle(signal, s -> stop.onSignal()));
        }
        return stop;
    }

    private void onSignal() {
        requested = true;
        restore(); // a second signal ends the process
    }

    /** True once a signal came. */
    public boolean requested() {
        return requested;
    }

    private synchronized void restore() {
        for (int i = 0; i < signals.size(); i++) {
            Signal.handle(signals.get(i), previous.get(i));
        }
        signals.clear();
        previous.clear();
    }

    @Override
    public void close() {
        restore();
    }
}

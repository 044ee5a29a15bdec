package io.reqldb.bench.crash;

import java.util.ArrayList;
import java.util.List;

/**
 * What the ledger knows of one document. States are version numbers, {@link #ABSENT} for no
 * row (before its insert, after its delete). Only the writer that owns the document changes it,
 * and the check reads it after that writer has stopped.
 */
final class DocHistory {
    static final int ABSENT = 0;

    /**
     * The state a hard acknowledgement (or the last check) established, then the states later
     * soft acknowledgements set, in order: after a crash the row must be in one of them, and
     * should be in the last one (a soft write survives a process crash too; only power loss may
     * take it).
     */
    private final List<Integer> sinceHard = new ArrayList<>(List.of(ABSENT));
    /** The state of a write sent but not acknowledged when the server died: it may or may not be there. */
    private Integer inFlight;
    private int lastVersion;

    int nextVersion() {
        return ++lastVersion;
    }

    int lastVersion() {
        return lastVersion;
    }

    /** Whether the document is there, as far as the writer knows. */
    boolean live() {
        return sinceHard.get(sinceHard.size() - 1) != ABSENT;
    }

    void sent(int state) {
        inFlight = state;
    }

    void acknowledged(int state, boolean hard) {
        inFlight = null;
        if (hard) {
            sinceHard.clear();
        }
        sinceHard.add(state);
    }

    /** Any state from the last hard acknowledgement on, or the write in flight. */
    boolean allows(int observed) {
        return sinceHard.contains(observed) || Integer.valueOf(observed).equals(inFlight);
    }

    /** The last acknowledged state, or the write in flight. */
    boolean expects(int observed) {
        return sinceHard.get(sinceHard.size() - 1) == observed || Integer.valueOf(observed).equals(inFlight);
    }

    /** After a check: what the restarted server holds is the new starting point. */
    void settle(int observed) {
        sinceHard.clear();
        sinceHard.add(observed);
        inFlight = null;
    }
}

package io.reqldb.jsworker;

/**
 * Why a script gave no value. The query layer turns each kind into RethinkDB's error.
 */
public final class JsFailure extends Exception {
    /** The kinds of failure. */
    public enum Kind {
        /** The script threw, or its value cannot be converted; the message is the text to report. */
        SCRIPT_ERROR,
        /** The script overran its {@code timeout}; its worker stopped it or was killed. */
        TIMEOUT,
        /** The worker ran out of its heap ({@code --js-memory}) and was replaced. */
        OUT_OF_MEMORY,
        /** The worker died or broke the protocol and was replaced. */
        CRASH,
        /** The waiting thread was interrupted (the query was cancelled); the worker was killed. */
        CANCELLED
    }

    private final Kind kind;

    JsFailure(Kind kind, String message) {
        super(message, null, false, false);
        this.kind = kind;
    }

    public Kind kind() {
        return kind;
    }
}

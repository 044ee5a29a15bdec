package io.reqldb.cli;

import io.reqldb.tools.conn.Errors;

/** The one line that says why the client driver port could not be listened on, and what to do. */
final class DriverPortFailure {
    private DriverPortFailure() {
    }

    static String message(int port, Exception e) {
        String reason = Errors.describe(e);
        String advice = reason.toLowerCase(java.util.Locale.ROOT).contains("in use")
                ? "Another process listens there: stop it, or choose another --driver-port (or --port-offset)."
                : "Check --bind and --driver-port.";
        return "Could not listen for client drivers on port " + port + ": " + reason + ". " + advice;
    }
}

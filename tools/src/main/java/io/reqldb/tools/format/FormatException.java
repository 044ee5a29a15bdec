package io.reqldb.tools.format;

import java.io.IOException;

/** A data file or archive member that does not have the expected format; the message is for the user. */
public final class FormatException extends IOException {
    /** Creates the exception with a complete user-facing message. */
    public FormatException(String message) {
        super(message);
    }
}

package io.reqldb.tools.conn;

import java.io.FileNotFoundException;
import java.io.UncheckedIOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/** Turns driver and I/O exceptions into one-line messages for the user. */
public final class Errors {
    private Errors() {}

    /** The first line of the message, taken from the cause when the exception itself has none. */
    public static String describe(Throwable e) {
        if (e instanceof FileSystemException f && f.getFile() != null) {
            // Its message is the bare path (or "path: reason"): say what happened to it.
            return f.getFile() + ": " + ioReason(f);
        }
        String message = e.getMessage();
        if ((message == null || message.isBlank()) && e.getCause() != null) {
            return describe(e.getCause());
        }
        if (message == null) {
            return e.getClass().getSimpleName();
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }

    /**
     * Why a file operation failed, as the C library would say it ("Permission denied", "No such
     * file or directory"), without the Java exception's name or the path, which the caller's
     * message already gives.
     */
    public static String ioReason(Throwable e) {
        Throwable t = e instanceof UncheckedIOException u ? u.getCause() : e;
        if (t instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (t instanceof AccessDeniedException) {
            return "Permission denied";
        }
        if (t instanceof FileAlreadyExistsException) {
            return "File exists";
        }
        if (t instanceof NotDirectoryException) {
            return "Not a directory";
        }
        if (t instanceof DirectoryNotEmptyException) {
            return "Directory not empty";
        }
        if (t instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        String message = t.getMessage();
        if (t instanceof FileNotFoundException && message != null && message.endsWith(")")) {
            // java.io says "<path> (<reason>)"
            int open = message.lastIndexOf(" (");
            if (open >= 0) {
                return message.substring(open + 2, message.length() - 1);
            }
        }
        if (t instanceof java.io.EOFException && (message == null || message.isBlank())) {
            return "unexpected end of file";
        }
        return message == null || message.isBlank() ? t.getClass().getSimpleName() : describe(t);
    }

    /**
     * Why connecting to {@code address} failed, in words: the driver reports every failure to
     * open its socket as "Connection timed out.", a refused connection included.
     */
    public static String connectFailure(String address, Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.ConnectException) {
                return "Could not connect to " + address + ": connection refused (is the server running, "
                        + "and listening on that address?)";
            }
            if (t instanceof java.net.UnknownHostException) {
                return "Could not connect to " + address + ": unknown host";
            }
            if (t instanceof java.net.NoRouteToHostException) {
                return "Could not connect to " + address + ": no route to host";
            }
            if (t instanceof java.net.SocketTimeoutException) {
                return "Could not connect to " + address + ": connection timed out";
            }
        }
        return describe(e);
    }
}

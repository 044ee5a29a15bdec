package io.reqldb.storage;

/**
 * A storage failure with a code from a closed set. The query layer maps codes to RethinkDB's
 * error types and messages; the cause, if any, is kept for logs only.
 */
public final class StorageException extends RuntimeException {

    /** What went wrong. */
    public enum Code {
        DB_EXISTS, DB_MISSING, TABLE_EXISTS, TABLE_MISSING, INDEX_EXISTS, INDEX_MISSING, INDEX_NOT_READY,
        /** The data directory's format cannot be opened by this release (message says what to do). */
        UNSUPPORTED_FORMAT,
        /** A read was to start on a snapshot that has been released. */
        SNAPSHOT_RELEASED,
        /** An I/O or RocksDB failure. */
        IO
    }

    private final Code code;

    public StorageException(Code code, String message) {
        this(code, message, null);
    }

    public StorageException(Code code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public Code code() {
        return code;
    }
}

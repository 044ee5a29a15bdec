package io.reqldb.query.term;

/**
 * RethinkDB's compile-time rule for where writes may appear: a write or meta operation inside a
 * function or optarg of a stream operation (map, filter, update, ...) is refused with "Cannot
 * nest writes or meta ops in stream operations.  Use FOR_EACH instead."
 */
final class WritePlacement {
    private WritePlacement() {
    }

    static boolean isWriteOrMeta(TermType type) {
        return switch (type) {
            case UPDATE, DELETE, INSERT, REPLACE, DB_CREATE, DB_DROP, TABLE_CREATE, TABLE_DROP, WAIT, RECONFIGURE,
                    REBALANCE, SYNC, GRANT, SET_WRITE_HOOK, GET_WRITE_HOOK, INDEX_CREATE, INDEX_DROP, INDEX_WAIT,
                    INDEX_RENAME -> true;
            default -> false;
        };
    }

    /** Terms whose arguments after the first may not contain writes. */
    static boolean forbidsWrites(TermType type) {
        return switch (type) {
            case REDUCE, MAP, FOLD, FILTER, CONCAT_MAP, GROUP, INNER_JOIN, OUTER_JOIN, EQ_JOIN, UPDATE, DELETE,
                    REPLACE, INSERT, COUNT, SUM, AVG, MIN, MAX -> true;
            default -> false;
        };
    }
}

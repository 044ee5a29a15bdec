package io.reqldb.server.wire;

/** The first element of a query frame's JSON array (the protocol's {@code Query.QueryType}). */
public enum QueryType {
    START(1),
    CONTINUE(2),
    STOP(3),
    NOREPLY_WAIT(4),
    SERVER_INFO(5);

    private final int code;

    QueryType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this protocol number, or Java null for a number the protocol lacks. */
    public static QueryType fromCode(int code) {
        for (QueryType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        return null;
    }
}

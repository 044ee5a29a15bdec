package io.reqldb.server.wire;

/** The {@code t} field of a response (the protocol's {@code Response.ResponseType}). */
public enum ResponseType {
    SUCCESS_ATOM(1),
    SUCCESS_SEQUENCE(2),
    SUCCESS_PARTIAL(3),
    WAIT_COMPLETE(4),
    SERVER_INFO(5),
    CLIENT_ERROR(16),
    COMPILE_ERROR(17),
    RUNTIME_ERROR(18);

    private final int code;

    ResponseType(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The type with this protocol number; errors from the query layer carry plain numbers. */
    public static ResponseType fromCode(int code) {
        for (ResponseType t : values()) {
            if (t.code == code) {
                return t;
            }
        }
        throw new IllegalArgumentException("unknown response type " + code);
    }
}

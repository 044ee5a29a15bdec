package io.reqldb.server.wire;

/**
 * The {@code e} field of a runtime error response (the protocol's {@code Response.ErrorType}).
 * The server layer itself only raises the few below; query errors bring their own number.
 */
public final class ErrorType {
    public static final int INTERNAL = 1000000;
    public static final int RESOURCE_LIMIT = 2000000;
    public static final int QUERY_LOGIC = 3000000;
    public static final int OP_INDETERMINATE = 4200000;

    private ErrorType() {
    }
}

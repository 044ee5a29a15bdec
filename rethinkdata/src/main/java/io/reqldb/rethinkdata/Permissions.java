package io.reqldb.rethinkdata;

/**
 * A user's permissions at one scope, each {@code true}, {@code false} or {@code null} (not set):
 * RethinkDB's {@code permissions_t}: three tribools (int8: 0 false, 1 true, 2 unset) for read,
 * write and config, then {@code connect} as an optional tribool (present only globally).
 */
public record Permissions(Boolean read, Boolean write, Boolean config, Boolean connect) {
    static Permissions read(Serial in) {
        Boolean read = tribool(in);
        Boolean write = tribool(in);
        Boolean config = tribool(in);
        Boolean connect = in.bool() ? tribool(in) : null;
        return new Permissions(read, write, config, connect);
    }

    private static Boolean tribool(Serial in) {
        int v = in.u8();
        return switch (v) {
            case 0 -> Boolean.FALSE;
            case 1 -> Boolean.TRUE;
            case 2 -> null;
            default -> throw new RethinkDataException("tribool of value " + v + " at byte " + (in.position() - 1));
        };
    }

    /** True when no permission is set. */
    public boolean isEmpty() {
        return read == null && write == null && config == null && connect == null;
    }
}

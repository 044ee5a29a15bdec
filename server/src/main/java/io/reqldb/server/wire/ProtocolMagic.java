package io.reqldb.server.wire;

/**
 * The 32-bit numbers a client sends first (little-endian) to pick a handshake, and the protocol
 * numbers of the legacy handshakes. Values are the protocol's {@code VersionDummy} enums.
 */
public final class ProtocolMagic {
    /** Protobuf only; refused. */
    public static final int V0_1 = 0x3f61ba36;
    /** Protobuf with an authorization key; refused. */
    public static final int V0_2 = 0x723081e1;
    /**
     * Authorization key and protocol number. RethinkDB runs such a connection's queries one at a
     * time; ReqlDB runs them in parallel as for V0_4 (answers carry their tokens either way).
     */
    public static final int V0_3 = 0x5f75e83e;
    /** As V0_3, but queries run in parallel. */
    public static final int V0_4 = 0x400c2d20;
    /** Users and SCRAM-SHA-256: what current drivers speak. */
    public static final int V1_0 = 0x34c2bdc3;

    /** Legacy handshakes' protocol number for JSON queries. */
    public static final int PROTOCOL_JSON = 0x7e6970c7;
    /** Legacy handshakes' protocol number for protobuf queries; refused. */
    public static final int PROTOCOL_PROTOBUF = 0x271ffc41;

    private ProtocolMagic() {
    }
}

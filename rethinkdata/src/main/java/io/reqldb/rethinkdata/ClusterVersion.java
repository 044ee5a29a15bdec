package io.reqldb.rethinkdata;

/**
 * RethinkDB's {@code cluster_version_t}: the version stamped on metablocks and (as a block magic's
 * last letter) on metadata and secondary-index blocks. RethinkDB 2.4 reads v1.14 to v2.4.
 */
public enum ClusterVersion {
    V1_14(2, 'e'), V1_15(3, 'f'), V1_16(4, 'g'), V2_0(5, 'h'), V2_1(6, 'i'), V2_2(7, 'j'), V2_3(8, 'k'),
    V2_4(9, 'l');

    /** The number RethinkDB serializes. */
    public final int code;
    /** The last letter of the block magics ("RDm?", "sin?") that carry this version. */
    public final char magicLetter;

    ClusterVersion(int code, char magicLetter) {
        this.code = code;
        this.magicLetter = magicLetter;
    }

    public static ClusterVersion of(int code) {
        for (ClusterVersion v : values()) {
            if (v.code == code) {
                return v;
            }
        }
        throw new RethinkDataException("unknown cluster version " + code);
    }

    public static ClusterVersion ofMagicLetter(char letter) {
        for (ClusterVersion v : values()) {
            if (v.magicLetter == letter) {
                return v;
            }
        }
        throw new RethinkDataException("unknown version letter '" + letter + "'");
    }

    /** True from 2.2, when serialized ReQL terms became JSON text (protobuf before). */
    public boolean termsAreJson() {
        return code >= V2_2.code;
    }

    /** "2.4" style. */
    public String label() {
        return name().substring(1).replace('_', '.');
    }
}

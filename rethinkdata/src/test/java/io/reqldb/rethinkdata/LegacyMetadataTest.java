package io.reqldb.rethinkdata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The cluster metadata of RethinkDB 1.14/1.15 (vector clocks, blueprints, ack expectations) and
 * 1.16/2.0 (versioned values, table configs), over hand-built bytes laid out as RethinkDB 2.4.4's
 * migration code reads them, turned into 2.1's tables as that code does.
 */
class LegacyMetadataTest {
    private static final UUID T1 = UUID.fromString("00000000-0000-0000-0000-0000000000a1");
    private static final UUID T2 = UUID.fromString("00000000-0000-0000-0000-0000000000a2");
    private static final UUID DB = LegacyFolders.DB;
    private static final UUID DB2 = LegacyFolders.DELETED_DB;
    private static final UUID S1 = LegacyFolders.S1;
    private static final UUID S2 = LegacyFolders.S2;
    private static final UUID DC1 = UUID.fromString("00000000-0000-0000-0000-0000000000c1");
    private static final UUID NIL = new UUID(0, 0);
    private static final long FULL = 1L << 63;

    // ---- 1.16 and 2.0 ----

    static byte[] cluster116() {
        return LegacyFolders.cluster116(Map.of(T1, "users"));
    }

    @Test
    void v116_tablesDatabasesAndServers_asTheMigrationMakesThem() {
        LegacyMetadata.Cluster c = Metadata116.cluster(new Serial(cluster116()));
        assertThat(c.databases()).containsOnlyKeys(DB);
        assertThat(c.databases().get(DB).name()).isEqualTo("app");
        assertThat(c.liveServers()).containsOnly(S1);
        assertThat(c.tables()).hasSize(1);
        TableConfig t = LegacyMetadata.config(c.tables().get(0), c.liveServers());
        assertThat(t.id()).isEqualTo(T1);
        assertThat(t.name()).isEqualTo("users");
        assertThat(t.database()).isEqualTo(DB);
        assertThat(t.primaryKey()).isEqualTo("id");
        assertThat(t.shards()).isEqualTo(2);
        assertThat(t.replicas()).isEqualTo(1);
        assertThat(t.writeAcks()).isEqualTo("majority");
        assertThat(t.durability()).isEqualTo("soft");
        assertThat(t.indexes()).isEmpty();
    }

    @Test
    void v116_aWriteAckModeNoRethinkDbWrote_isDamage() {
        Out out = new Out().varint(1).uuid(T1).u8(1);
        LegacyFolders.versioned(out.string("t"));
        LegacyFolders.versioned(out.uuid(DB));
        LegacyFolders.versioned(out.string("id"));
        out.varint(1);
        LegacyFolders.uuidSet(out, S1).uuid(S1);
        out.u8(7).varint(0).u8(2).varint(0); // ack mode 7, hard
        LegacyFolders.versioned(out);
        out.varint(0).varint(0);
        assertThatThrownBy(() -> Metadata116.cluster(new Serial(out.toBytes()))).hasMessageContaining("write-ack mode 7");
    }

    // ---- 1.14 and 1.15 ----

    /** A vector clock of one value whose versions add up to {@code total}. */
    private static Out clock(Out out, int total) {
        return out.varint(1).varint(1).uuid(S1).i32(total);
    }

    private static Out region(Out out, String left, String right) {
        out.i64(0).i64(FULL).u8(left.length()).ascii(left);
        return right == null ? out.u8(1).u8(0) : out.u8(0).u8(right.length()).ascii(right);
    }

    /** A 1.14 table: S1 primary of ["", "m"), S2 primary of ["m", +inf), each the other's secondary. */
    private static Out table114(Out out, UUID id, String name, Map<UUID, int[]> acks) {
        out.uuid(id).u8(1);
        clock(out, 1).varint(2);
        out.uuid(S1).varint(2);
        region(out, "", "m").u8(0);
        region(out, "m", null).u8(1);
        out.uuid(S2).varint(2);
        region(out, "", "m").u8(1);
        region(out, "m", null).u8(0);
        clock(out, 1).uuid(DC1); // primary datacenter
        clock(out, 1).varint(0); // replica affinities
        clock(out, 1).varint(acks.size());
        acks.forEach((dc, a) -> out.uuid(dc).i32(a[0]).u8(a[1]));
        clock(out, 1).varint(2); // shards
        region(out, "", "m");
        region(out, "m", null);
        clock(out, 1).string(name);
        clock(out, 1).varint(1); // primary pinnings
        region(out, "", null).uuid(NIL);
        clock(out, 1).varint(1); // secondary pinnings
        region(out, "", null).varint(0);
        clock(out, 1).string("id");
        return clock(out, 1).uuid(DB);
    }

    static byte[] cluster114() {
        Out out = new Out().varint(2);
        // One general soft ack: a single ack, soft.
        table114(out, T1, "users", Map.of(NIL, new int[] {1, 0}));
        // Two hard acks from DC1, which holds S1 but not S2: not coverable by general acks, so majority.
        table114(out, T2, "orders", Map.of(DC1, new int[] {2, 1}));
        out.varint(2); // machines: S1 in DC1, S2 in no datacenter
        out.uuid(S1).u8(1);
        clock(out, 1).uuid(DC1);
        clock(out, 1).string("server1");
        out.uuid(S2).u8(1);
        clock(out, 1).uuid(NIL);
        clock(out, 1).string("server2");
        out.varint(1).uuid(DC1).u8(1); // datacenters
        clock(out, 1).string("east");
        out.varint(2); // databases: "rethinkdb" became reserved in 1.16
        out.uuid(DB).u8(1);
        clock(out, 1).string("rethinkdb");
        out.uuid(DB2).u8(1);
        out.varint(2).varint(1).uuid(S1).i32(5).string("newest").varint(1).uuid(S2).i32(2).string("older");
        return out.toBytes();
    }

    @Test
    void v114_blueprintsBecomeShards_acksAndDurabilityTranslated() {
        LegacyMetadata.Cluster c = Metadata114.cluster(new Serial(cluster114()));
        assertThat(c.liveServers()).containsOnly(S1, S2);
        TableConfig users = LegacyMetadata.config(c.tables().get(0), c.liveServers());
        assertThat(users.name()).isEqualTo("users");
        assertThat(users.primaryKey()).isEqualTo("id");
        assertThat(users.database()).isEqualTo(DB);
        assertThat(users.shards()).isEqualTo(2);
        assertThat(users.replicas()).isEqualTo(2);
        assertThat(users.writeAcks()).isEqualTo("single");
        assertThat(users.durability()).isEqualTo("soft");
        TableConfig orders = LegacyMetadata.config(c.tables().get(1), c.liveServers());
        assertThat(orders.name()).isEqualTo("orders");
        assertThat(orders.writeAcks()).isEqualTo("majority");
        assertThat(orders.durability()).isEqualTo("hard");
        LegacyMetadata.Shard first = c.tables().get(0).shards().get(0);
        assertThat(first.primary()).isEqualTo(S1);
        assertThat(c.tables().get(0).shards().get(1).primary()).isEqualTo(S2);
    }

    @Test
    void v114_databaseNamedRethinkdb_isRenamed_andTheHighestVectorClockWins() {
        LegacyMetadata.Cluster c = Metadata114.cluster(new Serial(cluster114()));
        assertThat(c.databases().get(DB).name()).isEqualTo("rethinkdb_");
        assertThat(c.databases().get(DB2).name()).isEqualTo("newest");
    }

    @Test
    void v114_vectorClock_tiesKeepTheFirst_emptyIsDamage() {
        byte[] tie = new Out().varint(2).varint(1).uuid(S1).i32(3).string("first").varint(2).uuid(S1).i32(1).uuid(S2)
                .i32(2).string("second").toBytes();
        assertThat(Metadata114.vclock(new Serial(tie), Serial::string)).isEqualTo("first");
        assertThatThrownBy(() -> Metadata114.vclock(new Serial(new Out().varint(0).toBytes()), Serial::string))
                .hasMessageContaining("empty vector clock");
    }

    @Test
    void v114_acksFromADatacenterHoldingEveryReplica_countAsGeneral() {
        Out out = new Out().varint(1);
        table114(out, T1, "t", Map.of(DC1, new int[] {1, 1}));
        out.varint(2).uuid(S1).u8(1);
        clock(out, 1).uuid(DC1);
        clock(out, 1).string("s1");
        out.uuid(S2).u8(1);
        clock(out, 1).uuid(DC1);
        clock(out, 1).string("s2");
        out.varint(0).varint(0);
        LegacyMetadata.Cluster c = Metadata114.cluster(new Serial(out.toBytes()));
        assertThat(LegacyMetadata.config(c.tables().get(0), c.liveServers()).writeAcks()).isEqualTo("single");
    }
}

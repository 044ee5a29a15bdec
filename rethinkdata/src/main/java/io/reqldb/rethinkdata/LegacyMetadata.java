package io.reqldb.rethinkdata;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The metadata of a data directory from before RethinkDB 2.1 (v1.14 to v2.0), read as RethinkDB
 * 2.4 migrates it on its first start ({@code persist/migrate/migrate_v1_14.cc} and
 * {@code migrate_v1_16.cc}), without writing anything.
 *
 * <p>The {@code metadata} file's block 0 is then a {@code cluster_metadata_superblock_t}: magic
 * {@code "RDm?"} (e to h), this server's id (16 bytes), then a blob reference of at most 1500
 * bytes holding the cluster semilattice ({@link Metadata114} for 1.14 and 1.15,
 * {@link Metadata116} for 1.16 and 2.0), then the branch history (not needed here). Users did
 * not exist: the optional {@code auth_metadata} file holds the cluster's auth key (superblock:
 * magic, then the same 1500-byte blob reference), which becomes admin's password. Secondary
 * indexes were kept in each table's file, not here ({@link SecondaryIndexes}).
 */
final class LegacyMetadata {
    private static final int METADATA_BLOB = 20;
    private static final int AUTH_BLOB = 4;
    private static final int BLOB_MAXREFLEN = 1500;

    private LegacyMetadata() {}

    /** One shard of a table: its replicas and primary replica, servers by id. */
    record Shard(Set<UUID> replicas, UUID primary) {
    }

    /** A table as 1.16's {@code namespace_semilattice_metadata_t} has it. */
    record Table(UUID id, String name, UUID database, String primaryKey, List<Shard> shards, boolean singleAck,
            String durability) {
    }

    /** What a cluster semilattice gives: the databases, the servers not deleted, the tables not deleted. */
    record Cluster(Map<UUID, DatabaseInfo> databases, Set<UUID> liveServers, List<Table> tables) {
    }

    static ClusterMetadata read(SerializerFile file, byte[] superblock, ClusterVersion version, Path authFile) {
        Serial blob = new Serial(Blob.read(file, superblock, METADATA_BLOB, BLOB_MAXREFLEN));
        Cluster cluster = version.code <= ClusterVersion.V1_15.code ? Metadata114.cluster(blob) : Metadata116.cluster(blob);
        Map<UUID, TableConfig> tables = new LinkedHashMap<>();
        for (Table t : cluster.tables()) {
            tables.put(t.id(), config(t, cluster.liveServers()));
        }
        List<UserInfo> users = Files.isRegularFile(authFile) ? users(authFile) : List.of();
        return ClusterMetadata.of(version, cluster.databases(), tables, users);
    }

    /**
     * 2.1's {@code table_config_t} of a 1.16 table: deleted servers leave the replica sets; a
     * shard whose primary is gone keeps it when no replica is left. Only single acks stay single.
     * The indexes come later, from the table's file.
     */
    static TableConfig config(Table t, Set<UUID> liveServers) {
        int replicas = 0;
        for (int i = 0; i < t.shards().size(); i++) {
            Shard shard = t.shards().get(i);
            Set<UUID> live = new HashSet<>(shard.replicas());
            live.retainAll(liveServers);
            if (!liveServers.contains(shard.primary()) && live.isEmpty()) {
                live.add(shard.primary());
            }
            if (i == 0) {
                replicas = live.size();
            }
        }
        return new TableConfig(t.id(), t.database(), t.name(), t.primaryKey(), t.shards().size(), replicas, List.of(),
                null, t.singleAck() ? "single" : "majority", t.durability());
    }

    /** The admin user from the {@code auth_metadata} file's auth key. */
    private static List<UserInfo> users(Path authFile) {
        try (SerializerFile file = SerializerFile.open(authFile)) {
            try {
                byte[] sb = file.block(0);
                ClusterVersion version = superblockVersion(sb, "auth metadata");
                Serial in = new Serial(Blob.read(file, sb, AUTH_BLOB, BLOB_MAXREFLEN));
                if (version.code <= ClusterVersion.V1_15.code) {
                    return AuthKey.admin(Metadata114.vclock(in, Serial::string));
                }
                return AuthKey.admin(in);
            } catch (RethinkDataException e) {
                throw e.in(authFile.toString());
            }
        }
    }

    /** The version a pre-2.1 superblock's magic ("RDme" to "RDmh") names. */
    static ClusterVersion superblockVersion(byte[] sb, String what) {
        if (!Bytes.startsWith(sb, 0, "RDm")) {
            throw new RethinkDataException(what + " superblock (block 0) has magic \"" + Bytes.magic(sb, 0)
                    + "\", not \"RDm?\"");
        }
        ClusterVersion version = ClusterVersion.ofMagicLetter((char) sb[3]);
        if (version.code > ClusterVersion.V2_0.code) {
            throw new RethinkDataException(what + " superblock says RethinkDB " + version.label()
                    + ", but only files from before 2.1 have this layout");
        }
        return version;
    }
}

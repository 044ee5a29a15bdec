package io.reqldb.rethinkdata;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Function;

/**
 * The cluster semilattice of RethinkDB 1.14 and 1.15 ({@code persist/migrate/metadata_v1_14.hpp}),
 * turned into 1.16's tables as {@code migrate_v1_14.cc} does. In order: tables, machines,
 * datacenters, databases, each a map from a UUID to a {@code deletable_t}. Every field is a
 * vector clock: a map (varint count) from a version map (a map from UUID to int32) to a value;
 * the value kept is the one whose versions add up highest, the first on a tie.
 *
 * <p>A table's fields: the blueprint (a map from server to a map from region to role, int8:
 * 0 primary, 1 secondary, 2 nothing), the primary datacenter, the replica affinities, the ack
 * expectations (a map from datacenter to (uint32 count, bool hard durability)), the shards (a set
 * of regions), the name, the primary and secondary pinnings (vectors of (region, value) pairs),
 * the primary key and the database. A region is two uint64 hash bounds, then a key range: the
 * left key, a bool "unbounded", the right key (keys: a length byte, then the bytes). A machine
 * has a datacenter and a name; datacenters and databases a name.
 */
final class Metadata114 {
    private static final long FULL_HASH_END = 1L << 63;
    private static final UUID NIL = new UUID(0, 0);

    private Metadata114() {}

    private record Region(long beg, long end, byte[] left, boolean unbounded, byte[] right) {
        /** RethinkDB's equality: the right key counts only when bounded. */
        boolean is(byte[] l, byte[] r) {
            return beg == 0 && end == FULL_HASH_END && Arrays.equals(left, l)
                    && (r == null ? unbounded : !unbounded && Arrays.equals(right, r));
        }
    }

    private record Ack(int expectation, boolean hard) {
    }

    private record OldTable(UUID id, Map<UUID, Map<Region, Integer>> blueprint, Map<UUID, Ack> acks, String name,
            String primaryKey, UUID database) {
    }

    static LegacyMetadata.Cluster cluster(Serial in) {
        List<OldTable> old = new ArrayList<>();
        int n = in.count();
        for (int i = 0; i < n; i++) {
            UUID id = in.uuid();
            if (in.bool()) {
                old.add(table(id, in));
            }
        }
        Map<UUID, UUID> machineDatacenters = new LinkedHashMap<>();
        n = in.count();
        for (int i = 0; i < n; i++) {
            UUID id = in.uuid();
            if (in.bool()) {
                machineDatacenters.put(id, vclock(in, Serial::uuid));
                vclock(in, Serial::string);
            }
        }
        n = in.count();
        for (int i = 0; i < n; i++) {
            in.uuid();
            if (in.bool()) {
                vclock(in, Serial::string);
            }
        }
        Map<UUID, DatabaseInfo> databases = new LinkedHashMap<>();
        n = in.count();
        for (int i = 0; i < n; i++) {
            UUID id = in.uuid();
            if (in.bool()) {
                String name = vclock(in, Serial::string);
                // "rethinkdb" became reserved in 1.16; the migration renames such a database.
                databases.put(id, new DatabaseInfo(id, name.equals("rethinkdb") ? "rethinkdb_" : name));
            }
        }
        List<LegacyMetadata.Table> tables = new ArrayList<>();
        for (OldTable t : old) {
            tables.add(migrate(t, machineDatacenters));
        }
        return new LegacyMetadata.Cluster(databases, machineDatacenters.keySet(), tables);
    }

    /** The value of the vector clock at the reader's position that RethinkDB's migration keeps. */
    static <T> T vclock(Serial in, Function<Serial, T> value) {
        int n = in.count();
        if (n == 0) {
            throw new RethinkDataException("empty vector clock at byte " + in.position());
        }
        T best = null;
        long bestTotal = -1;
        for (int i = 0; i < n; i++) {
            long total = 0;
            int versions = in.count();
            for (int v = 0; v < versions; v++) {
                in.uuid();
                total += in.i32();
            }
            T candidate = value.apply(in);
            if (total > bestTotal) {
                best = candidate;
                bestTotal = total;
            }
        }
        return best;
    }

    private static OldTable table(UUID id, Serial in) {
        Map<UUID, Map<Region, Integer>> blueprint = vclock(in, Metadata114::blueprint);
        vclock(in, Serial::uuid); // primary datacenter
        vclock(in, s -> map(s, x -> x.i32())); // replica affinities
        Map<UUID, Ack> acks = vclock(in, s -> map(s, x -> new Ack(x.i32(), x.bool())));
        vclock(in, s -> {
            int n = s.count();
            for (int i = 0; i < n; i++) {
                region(s);
            }
            return null;
        });
        String name = vclock(in, Serial::string);
        vclock(in, s -> pairs(s, Serial::uuid)); // primary pinnings
        vclock(in, s -> pairs(s, Metadata116::uuidSet)); // secondary pinnings
        String primaryKey = vclock(in, Serial::string);
        UUID database = vclock(in, Serial::uuid);
        return new OldTable(id, blueprint, acks, name, primaryKey, database);
    }

    private static Map<UUID, Map<Region, Integer>> blueprint(Serial in) {
        return map(in, s -> {
            Map<Region, Integer> roles = new LinkedHashMap<>();
            int n = s.count();
            for (int i = 0; i < n; i++) {
                Region r = region(s);
                int role = s.u8();
                if (role > 2) {
                    throw new RethinkDataException("blueprint role " + role + " at byte " + (s.position() - 1));
                }
                roles.put(r, role);
            }
            return roles;
        });
    }

    private static <V> Map<UUID, V> map(Serial in, Function<Serial, V> value) {
        Map<UUID, V> out = new LinkedHashMap<>();
        int n = in.count();
        for (int i = 0; i < n; i++) {
            UUID key = in.uuid();
            out.put(key, value.apply(in));
        }
        return out;
    }

    /** A region map as 2.0 and before serialized it: a vector of (region, value) pairs. */
    private static Void pairs(Serial in, Function<Serial, ?> value) {
        int n = in.count();
        for (int i = 0; i < n; i++) {
            region(in);
            value.apply(in);
        }
        return null;
    }

    private static Region region(Serial in) {
        long beg = in.i64();
        long end = in.i64();
        byte[] left = in.bytes(in.u8());
        boolean unbounded = in.bool();
        byte[] right = in.bytes(in.u8());
        return new Region(beg, end, left, unbounded, right);
    }

    /**
     * The 1.16 table of a 1.14 one: the shards split where the first server's blueprint splits;
     * each server's role per shard makes it that shard's primary or a replica; acks and
     * durability translated as {@code migrate_table} does.
     */
    private static LegacyMetadata.Table migrate(OldTable t, Map<UUID, UUID> machineDatacenters) {
        TreeSet<byte[]> splits = new TreeSet<>(Arrays::compareUnsigned);
        if (!t.blueprint().isEmpty()) {
            for (Region r : t.blueprint().values().iterator().next().keySet()) {
                if (r.left().length > 0) {
                    splits.add(r.left());
                }
            }
        }
        List<byte[]> points = new ArrayList<>(splits);
        int count = points.size() + 1;
        List<Set<UUID>> replicas = new ArrayList<>();
        UUID[] primaries = new UUID[count];
        for (int i = 0; i < count; i++) {
            replicas.add(new HashSet<>());
        }
        Set<UUID> relevant = new HashSet<>();
        for (Map.Entry<UUID, Map<Region, Integer>> server : t.blueprint().entrySet()) {
            if (server.getValue().size() != count) {
                throw new RethinkDataException("table " + t.id() + ": the blueprint gives server " + server.getKey() + " "
                        + server.getValue().size() + " shards, not " + count);
            }
            for (int i = 0; i < count; i++) {
                byte[] left = i == 0 ? new byte[0] : points.get(i - 1);
                byte[] right = i == count - 1 ? null : points.get(i);
                // A server without a role for this exact shard becomes a replica, as in the migration.
                int role = 1;
                for (Map.Entry<Region, Integer> e : server.getValue().entrySet()) {
                    if (e.getKey().is(left, right)) {
                        role = e.getValue();
                    }
                }
                if (role == 0) {
                    primaries[i] = server.getKey();
                }
                if (role != 2) {
                    replicas.get(i).add(server.getKey());
                    relevant.add(server.getKey());
                }
            }
        }
        List<LegacyMetadata.Shard> shards = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            shards.add(new LegacyMetadata.Shard(replicas.get(i), primaries[i] == null ? NIL : primaries[i]));
        }
        return new LegacyMetadata.Table(t.id(), t.name(), t.database(), t.primaryKey(), shards,
                singleAck(t.acks(), shards, relevant, machineDatacenters), durability(t.acks()));
    }

    /**
     * Whether the ack expectations come down to one ack: no datacenter asks for acks beyond
     * what the general ones cover, and those total at most one.
     */
    private static boolean singleAck(Map<UUID, Ack> acks, List<LegacyMetadata.Shard> shards, Set<UUID> relevant,
            Map<UUID, UUID> machineDatacenters) {
        long general = 0;
        long specific = 0;
        for (Map.Entry<UUID, Ack> e : acks.entrySet()) {
            long expected = e.getValue().expectation() & 0xFFFFFFFFL;
            if (expected == 0) {
                continue;
            }
            if (e.getKey().equals(NIL)) {
                general += expected;
                continue;
            }
            Set<UUID> inDatacenter = new HashSet<>();
            machineDatacenters.forEach((server, dc) -> {
                if (dc.equals(e.getKey())) {
                    inDatacenter.add(server);
                }
            });
            if (inDatacenter.containsAll(relevant)) {
                general += expected;
            } else if (expected == 1 && shards.stream().allMatch(s -> inDatacenter.contains(s.primary()))) {
                general += 1;
            } else {
                specific += expected;
            }
        }
        return specific == 0 && general <= 1;
    }

    /** Soft only when every ack expectation asked for soft durability. */
    private static String durability(Map<UUID, Ack> acks) {
        boolean hard = acks.values().stream().anyMatch(Ack::hard);
        boolean soft = acks.values().stream().anyMatch(a -> !a.hard());
        return soft && !hard ? "soft" : "hard";
    }
}

package io.reqldb.rethinkdata;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The cluster semilattice of RethinkDB 1.16 and 2.0 ({@code persist/migrate/metadata_v1_16.hpp}).
 * In order: the tables, the servers, the databases, each a map (varint count) from a UUID to a
 * {@code deletable_t} (a bool, then the value when true). Fields are {@code versioned_t}: the
 * value, an int64 timestamp and a UUID tiebreaker.
 * <ul>
 * <li>table: name, database id, primary key, replication info: the shards (a vector of a replica
 *     set and a primary), the write-ack config (mode int8: 0 single, 1 majority, 2 complex; then
 *     a vector of (replica set, mode) requirements), the durability (int8: 1 soft, 2 hard), and
 *     the split points (a vector of store keys: a length byte and the bytes);</li>
 * <li>server: name, tags (a set of strings), cache size (an optional uint64);</li>
 * <li>database: name.</li>
 * </ul>
 */
final class Metadata116 {
    private Metadata116() {}

    static LegacyMetadata.Cluster cluster(Serial in) {
        List<LegacyMetadata.Table> tables = new ArrayList<>();
        int n = in.count();
        for (int i = 0; i < n; i++) {
            UUID id = in.uuid();
            if (in.bool()) {
                tables.add(table(id, in));
            }
        }
        Set<UUID> servers = new HashSet<>();
        n = in.count();
        for (int i = 0; i < n; i++) {
            UUID id = in.uuid();
            if (in.bool()) {
                servers.add(id);
                versioned(in, Serial::string);
                versioned(in, s -> stringSet(s));
                versioned(in, s -> s.bool() ? s.i64() : null);
            }
        }
        Map<UUID, DatabaseInfo> databases = new LinkedHashMap<>();
        n = in.count();
        for (int i = 0; i < n; i++) {
            UUID id = in.uuid();
            if (in.bool()) {
                databases.put(id, new DatabaseInfo(id, versioned(in, Serial::string)));
            }
        }
        return new LegacyMetadata.Cluster(databases, servers, tables);
    }

    private static LegacyMetadata.Table table(UUID id, Serial in) {
        String name = versioned(in, Serial::string);
        UUID db = versioned(in, Serial::uuid);
        String primaryKey = versioned(in, Serial::string);
        List<LegacyMetadata.Shard> shards = new ArrayList<>();
        int n = in.count();
        for (int i = 0; i < n; i++) {
            shards.add(new LegacyMetadata.Shard(uuidSet(in), in.uuid()));
        }
        int mode = in.u8();
        int reqs = in.count();
        for (int i = 0; i < reqs; i++) {
            uuidSet(in);
            in.u8();
        }
        int durability = in.u8();
        int splits = in.count();
        for (int i = 0; i < splits; i++) {
            in.skip(in.u8());
        }
        in.i64(); // the replication info's versioned_t timestamp
        in.uuid(); // tiebreaker
        if (mode > 2 || durability < 1 || durability > 2) {
            throw new RethinkDataException("table " + id + " has write-ack mode " + mode + " and durability "
                    + durability + ", which no RethinkDB wrote");
        }
        return new LegacyMetadata.Table(id, name, db, primaryKey, shards, mode == 0, durability == 1 ? "soft" : "hard");
    }

    /** A {@code versioned_t}'s value; its timestamp and tiebreaker are skipped. */
    static <T> T versioned(Serial in, java.util.function.Function<Serial, T> value) {
        T v = value.apply(in);
        in.i64();
        in.uuid();
        return v;
    }

    static Set<UUID> uuidSet(Serial in) {
        Set<UUID> out = new HashSet<>();
        int n = in.count();
        for (int i = 0; i < n; i++) {
            out.add(in.uuid());
        }
        return out;
    }

    private static Set<String> stringSet(Serial in) {
        Set<String> out = new HashSet<>();
        int n = in.count();
        for (int i = 0; i < n; i++) {
            out.add(in.string());
        }
        return out;
    }
}

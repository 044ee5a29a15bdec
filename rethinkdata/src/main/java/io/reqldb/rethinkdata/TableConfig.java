package io.reqldb.rethinkdata;

import java.util.List;
import java.util.UUID;

/**
 * A table as its {@code table_config_t} describes it: name, database and primary key, the
 * shard count and replicas per shard (of the first shard), secondary indexes, write hook, write acknowledgements and durability.
 */
public record TableConfig(UUID id, UUID database, String name, String primaryKey, int shards, int replicas,
        List<IndexDefinition> indexes, byte[] writeHook, String writeAcks, String durability) {

    /**
     * A secondary index: {@code function} is the blob {@code index_status()} reports (and
     * {@code index_create} takes), in RethinkDB 2.4's layout whatever version stored it.
     */
    public record IndexDefinition(String name, byte[] function, boolean multi, boolean geo) {
    }
}

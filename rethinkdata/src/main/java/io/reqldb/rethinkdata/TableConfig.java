package io.reqldb.rethinkdata;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
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
        private static final String PREFIX = "$reql_index_function$";
        private static final int LATEST_REQL_VERSION = 7;

        /**
         * The index whose function ({@code func}, in 2.4's layout) was written under ReQL version
         * {@code funcVersion}: RethinkDB 2.4 reports it as serialized in 2.4's cluster version, with
         * that version as both original and latest compatible one, and checked by the latest.
         */
        static IndexDefinition of(String name, byte[] func, int funcVersion, boolean multi, boolean geo) {
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            blob.writeBytes(PREFIX.getBytes(StandardCharsets.US_ASCII));
            blob.write(ClusterVersion.V2_4.code);
            blob.write(funcVersion);
            blob.write(funcVersion);
            blob.write(LATEST_REQL_VERSION);
            blob.writeBytes(func);
            blob.write(multi ? 1 : 0);
            blob.write(geo ? 1 : 0);
            return new IndexDefinition(name, blob.toByteArray(), multi, geo);
        }
    }

    /** The same table with {@code list} as its secondary indexes. */
    TableConfig withIndexes(List<IndexDefinition> list) {
        return new TableConfig(id, database, name, primaryKey, shards, replicas, List.copyOf(list), writeHook, writeAcks,
                durability);
    }
}

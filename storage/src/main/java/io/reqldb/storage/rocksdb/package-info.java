/**
 * The storage engine on RocksDB.
 *
 * <h2>Design</h2>
 * <ul>
 *   <li>Layout: three column families (catalog, documents, index entries); every key is built in
 *       {@link io.reqldb.storage.rocksdb.Keys}, which documents the format. Keys use
 *       {@link io.reqldb.datum.KeyEncoding}, so RocksDB's byte order is RethinkDB's value order and
 *       every range query is one bounded iterator.</li>
 *   <li>Atomicity: a document, all its index entries and its table's count delta go in one write
 *       batch. Writers to one document are serialized by striped locks; DDL that changes a
 *       table's layout takes that table's schema lock exclusively.</li>
 *   <li>Durability: batches are written unsynced; hard writes then share WAL syncs through group
 *       commit ({@link io.reqldb.storage.rocksdb.Committer}). Catalog changes are always synced.</li>
 *   <li>Reads need no locks: they see an immutable {@link io.reqldb.storage.rocksdb.CatalogView}
 *       and RocksDB's own snapshots.</li>
 *   <li>The engine knows nothing of ReQL: index functions are objects the query layer compiles
 *       from the definition bytes stored here.</li>
 *   <li>Format: {@link io.reqldb.storage.rocksdb.Metadata} names the data-directory format, whose
 *       history is in {@link io.reqldb.storage.rocksdb.Formats}; changing any tag or key layout
 *       means a new format number and a {@link io.reqldb.storage.rocksdb.MigrationStep}. At open,
 *       {@link io.reqldb.storage.rocksdb.StartupDecision} opens, migrates (checkpoint first, see
 *       {@link io.reqldb.storage.rocksdb.Migrator}) or refuses without touching anything.</li>
 *   <li>Index rules: each index records the rules version its keys were built under; a migration
 *       converts plain field lookups in place and leaves other indexes on their old rules,
 *       reported outdated until rebuilt (RethinkDB's rule), so start-up never rebuilds indexes.</li>
 * </ul>
 *
 * <h2>Tests</h2>
 * Every test runs the real engine on RocksDB in a temporary directory; there are no mocks.
 */
package io.reqldb.storage.rocksdb;

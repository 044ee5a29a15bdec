package io.reqldb.storage.rocksdb;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.Datum;
import io.reqldb.datum.KeyEncoding;
import io.reqldb.storage.KeyRange;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Every RocksDB key the engine writes is built here, so the on-disk layout can be read in one
 * place. Never renumber a prefix: they are part of the data-directory format ({@link Formats}).
 *
 * <h2>Column families</h2>
 * <pre>
 *   default    the catalog, one record per key (values: {@link CatalogRecords}):
 *                0x01 database-uuid(16)                 a database
 *                0x02 table-uuid(16)                    a table, with its storage number
 *                0x03 table-no(4) index-no(4)           an index definition
 *                0x04 table-no(4)                       document count, uint64 little-endian, merged
 *                0x05                                   next storage number, int32
 *                0x06                                   migration progress (format 2), while one runs
 *   documents  table-no(4) key(pk)                      a document ({@link DocumentCodec})
 *   indexes    table-no(4) index-no(4) key(value) key(pk) [key(zones)] → empty
 * </pre>
 * Index-key versions (the index definition's {@code formatVersion}): version 1 keys end with
 * key(pk). Version 2 keys of a value that holds times add key(zones) after it: the array of the
 * times' zone strings in the value's depth-first order, so the index value reads back with its
 * zones (version 1 gives them back in UTC). Zones follow the primary key, so the order of
 * entries and every range bound are the same under both versions.
 * {@code key(x)} is {@link KeyEncoding}; storage numbers are big-endian int32 allocated from one
 * counter and never reused, so a dropped table's or index's leftovers can never be read as a new
 * one's. Four bytes instead of the 16-byte UUID keep every key short.
 */
final class Keys {
    static final byte[] DOCUMENTS_FAMILY = "documents".getBytes(StandardCharsets.US_ASCII);
    static final byte[] INDEXES_FAMILY = "indexes".getBytes(StandardCharsets.US_ASCII);

    static final byte CATALOG_DATABASE = 0x01;
    static final byte CATALOG_TABLE = 0x02;
    static final byte CATALOG_INDEX = 0x03;
    static final byte CATALOG_COUNT = 0x04;
    static final byte CATALOG_NEXT_NUMBER = 0x05;
    static final byte CATALOG_MIGRATION = 0x06;

    /** Length of the table-number prefix of document keys. */
    static final int TABLE_PREFIX = 4;
    /** Length of the table-and-index prefix of index-entry keys. */
    static final int INDEX_PREFIX = 8;

    private static final ThreadLocal<ByteBuilder> SCRATCH = ThreadLocal.withInitial(ByteBuilder::new);

    private Keys() {
    }

    // ----- catalog

    static byte[] database(UUID id) {
        return uuidKey(CATALOG_DATABASE, id);
    }

    static byte[] table(UUID id) {
        return uuidKey(CATALOG_TABLE, id);
    }

    static byte[] index(int table, int index) {
        return scratch().put(CATALOG_INDEX).putInt(table).putInt(index).toByteArray();
    }

    /** Every index definition of one table lies in [indexDefinitions(t), indexDefinitions(t + 1)). */
    static byte[] indexDefinitions(int table) {
        return scratch().put(CATALOG_INDEX).putInt(table).toByteArray();
    }

    static byte[] count(int table) {
        return scratch().put(CATALOG_COUNT).putInt(table).toByteArray();
    }

    static byte[] nextNumber() {
        return new byte[] {CATALOG_NEXT_NUMBER};
    }

    static byte[] migration() {
        return new byte[] {CATALOG_MIGRATION};
    }

    static UUID uuidOf(byte[] key) {
        long hi = 0;
        long lo = 0;
        for (int i = 1; i < 9; i++) {
            hi = (hi << 8) | (key[i] & 0xFF);
            lo = (lo << 8) | (key[i + 8] & 0xFF);
        }
        return new UUID(hi, lo);
    }

    static int intAt(byte[] key, int offset) {
        return ((key[offset] & 0xFF) << 24) | ((key[offset + 1] & 0xFF) << 16)
                | ((key[offset + 2] & 0xFF) << 8) | (key[offset + 3] & 0xFF);
    }

    private static byte[] uuidKey(byte tag, UUID id) {
        return scratch().put(tag).putLong(id.getMostSignificantBits()).putLong(id.getLeastSignificantBits())
                .toByteArray();
    }

    // ----- documents

    static byte[] tablePrefix(int table) {
        return scratch().putInt(table).toByteArray();
    }

    static byte[] document(int table, byte[] encodedPrimaryKey) {
        return scratch().putInt(table).put(encodedPrimaryKey).toByteArray();
    }

    /** The document key for the primary key that follows the value in an index-entry key. */
    static byte[] documentOfEntry(byte[] entryKey, int primaryKeyStart) {
        int end = KeyEncoding.skip(entryKey, primaryKeyStart);
        byte[] key = new byte[TABLE_PREFIX + end - primaryKeyStart];
        System.arraycopy(entryKey, 0, key, 0, TABLE_PREFIX);
        System.arraycopy(entryKey, primaryKeyStart, key, TABLE_PREFIX, end - primaryKeyStart);
        return key;
    }

    // ----- index entries

    static byte[] indexPrefix(int table, int index) {
        return scratch().putInt(table).putInt(index).toByteArray();
    }

    /** An index entry under the current index-key version. */
    static byte[] indexEntry(int table, int index, Datum value, byte[] encodedPrimaryKey) {
        return indexEntry(table, index, value, encodedPrimaryKey, io.reqldb.storage.IndexDefinition.CURRENT_FORMAT_VERSION);
    }

    /** An index entry under index-key version {@code keyVersion} (1 or 2). */
    static byte[] indexEntry(int table, int index, Datum value, byte[] encodedPrimaryKey, int keyVersion) {
        ByteBuilder b = scratch().putInt(table).putInt(index);
        KeyEncoding.encode(value, b);
        b.put(encodedPrimaryKey);
        if (keyVersion >= 2) {
            List<Datum> zones = IndexZones.zonesOf(value);
            if (!zones.isEmpty()) {
                KeyEncoding.encode(ArrayDatum.wrap(zones), b);
            }
        }
        return b.toByteArray();
    }

    /** The value of an index entry, with its times' zones when the entry carries them. */
    static Datum indexValue(byte[] entryKey) {
        Datum value = KeyEncoding.decode(entryKey, INDEX_PREFIX);
        int zonesStart = KeyEncoding.skip(entryKey, primaryKeyStart(entryKey));
        if (zonesStart == entryKey.length) {
            return value;
        }
        return IndexZones.withZones(value, (ArrayDatum) KeyEncoding.decode(entryKey, zonesStart));
    }

    /** Whether an entry already carries the zones of its times (index-key version 2). */
    static boolean hasZones(byte[] entryKey) {
        return KeyEncoding.skip(entryKey, primaryKeyStart(entryKey)) < entryKey.length;
    }

    /** Where the primary key starts in an index-entry key. */
    static int primaryKeyStart(byte[] entryKey) {
        return KeyEncoding.skip(entryKey, INDEX_PREFIX);
    }

    // ----- ranges

    /**
     * The keys of {@code range} under {@code prefix} as [lower, upper) byte bounds. Because every
     * encoded value is prefix-free, "every key that starts with prefix+key(v)" is the half-open
     * interval up to its {@link #successor}, which gives closed and open bounds exactly.
     */
    static byte[][] bounds(byte[] prefix, KeyRange range) {
        byte[] lower = range.lower() == null
                ? prefix
                : bound(prefix, range.lower(), !range.lowerClosed());
        byte[] upper = range.upper() == null
                ? successor(prefix)
                : bound(prefix, range.upper(), range.upperClosed());
        return new byte[][] {lower, upper};
    }

    private static byte[] bound(byte[] prefix, Datum value, boolean pastAllWithValue) {
        ByteBuilder b = scratch().put(prefix);
        KeyEncoding.encode(value, b);
        byte[] key = b.toByteArray();
        return pastAllWithValue ? successor(key) : key;
    }

    /** The smallest key greater than every key starting with {@code prefix}. */
    static byte[] successor(byte[] prefix) {
        for (int i = prefix.length - 1; i >= 0; i--) {
            if (prefix[i] != (byte) 0xFF) {
                byte[] next = Arrays.copyOf(prefix, i + 1);
                next[i]++;
                return next;
            }
        }
        throw new IllegalArgumentException("no successor for an all-0xFF key");
    }

    private static ByteBuilder scratch() {
        return SCRATCH.get().reset();
    }
}

package io.reqldb.storage.rocksdb;

import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.BoolDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.storage.DatabaseInfo;
import io.reqldb.storage.Durability;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.TableInfo;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Catalog values: small objects in {@link DocumentCodec} form, so they are self-describing and a
 * later release can add fields without a format step. Field names are fixed here.
 * <pre>
 *   database  {name}
 *   table     {name, db (uuid string), primary_key, durability ("hard"|"soft"), number}
 *   index     {name, function (binary), multi, geo, format_version, ready}
 * </pre>
 */
final class CatalogRecords {
    private CatalogRecords() {
    }

    static byte[] database(DatabaseInfo db) {
        return DocumentCodec.encode(ObjectDatum.of("name", new StringDatum(db.name())));
    }

    static DatabaseInfo database(UUID id, byte[] value) {
        ObjectDatum o = (ObjectDatum) DocumentCodec.decode(value);
        return new DatabaseInfo(id, string(o, "name"));
    }

    static byte[] table(TableInfo t, int number) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("name", new StringDatum(t.name()));
        m.put("db", new StringDatum(t.dbId().toString()));
        m.put("primary_key", new StringDatum(t.primaryKey()));
        m.put("durability", new StringDatum(t.durability().reqlName()));
        m.put("number", NumberDatum.of(number));
        return DocumentCodec.encode(ObjectDatum.wrap(m));
    }

    /** A stored table; its database name is filled in by the catalog. */
    record StoredTable(UUID id, UUID dbId, String name, String primaryKey, Durability durability, int number) {
        TableInfo info(String dbName) {
            return new TableInfo(id, dbName, dbId, name, primaryKey, durability);
        }
    }

    static StoredTable table(UUID id, byte[] value) {
        ObjectDatum o = (ObjectDatum) DocumentCodec.decode(value);
        return new StoredTable(id, UUID.fromString(string(o, "db")), string(o, "name"), string(o, "primary_key"),
                "soft".equals(string(o, "durability")) ? Durability.SOFT : Durability.HARD, number(o, "number"));
    }

    static byte[] index(IndexDefinition def, boolean ready) {
        TreeMap<String, Datum> m = ObjectDatum.newFieldMap();
        m.put("name", new StringDatum(def.name()));
        m.put("function", BinaryDatum.wrap(def.function().clone()));
        m.put("multi", BoolDatum.of(def.multi()));
        m.put("geo", BoolDatum.of(def.geo()));
        m.put("format_version", NumberDatum.of(def.formatVersion()));
        m.put("ready", BoolDatum.of(ready));
        return DocumentCodec.encode(ObjectDatum.wrap(m));
    }

    /** A stored index definition and whether its build had finished. */
    record StoredIndex(IndexDefinition definition, boolean ready) {
    }

    static StoredIndex index(byte[] value) {
        ObjectDatum o = (ObjectDatum) DocumentCodec.decode(value);
        IndexDefinition def = new IndexDefinition(string(o, "name"), ((BinaryDatum) o.get("function")).bytes(),
                bool(o, "multi"), bool(o, "geo"), number(o, "format_version"));
        return new StoredIndex(def, bool(o, "ready"));
    }

    static byte[] number(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    /** A document-count delta or value for RocksDB's uint64add merge operator: 8 bytes little-endian. */
    static byte[] count(long n) {
        byte[] b = new byte[8];
        for (int i = 0; i < 8; i++) {
            b[i] = (byte) (n >>> (8 * i));
        }
        return b;
    }

    static long count(byte[] b) {
        long n = 0;
        for (int i = 7; i >= 0; i--) {
            n = (n << 8) | (b[i] & 0xFF);
        }
        return n;
    }

    private static String string(ObjectDatum o, String field) {
        return ((StringDatum) o.get(field)).value();
    }

    private static int number(ObjectDatum o, String field) {
        return (int) ((NumberDatum) o.get(field)).value();
    }

    private static boolean bool(ObjectDatum o, String field) {
        return ((BoolDatum) o.get(field)).value();
    }
}

package io.reqldb.storage.rocksdb;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.storage.IndexDefinition;
import java.util.ArrayList;
import java.util.List;
import org.rocksdb.RocksDBException;
import org.rocksdb.RocksIterator;
import org.rocksdb.WriteBatch;

/**
 * Format 1 → 2, index keys: index-key version 2 keeps the zones of times ({@link Keys}). Never
 * rebuilds an index. A plain field lookup (per the {@link io.reqldb.storage.IndexClassifier}) is
 * converted in place: its entries without times are the same bytes in both versions, and each
 * entry with a time gets its zone from the document's field. Every other index keeps its
 * version-1 keys, is maintained by the version-1 rule and is reported outdated until
 * {@code reqldb index-rebuild} rebuilds it. Idempotent: converted entries are recognised by
 * their zones, and the definition is marked version 2 only after its entries.
 */
final class V2IndexKeys implements MigrationStep {
    @Override
    public int from() {
        return 1;
    }

    @Override
    public String description() {
        return "v1→v2 index keys: convert plain field-lookup indexes in place (times keep their zone); other"
                + " indexes keep their keys and are reported outdated until `reqldb index-rebuild`";
    }

    @Override
    public void run(MigrationRun run) {
        StoreContext ctx = run.ctx();
        List<byte[]> defKeys = new ArrayList<>();
        List<CatalogRecords.StoredIndex> defs = new ArrayList<>();
        try (RocksIterator it = ctx.db().newIterator(ctx.catalog())) {
            for (it.seek(new byte[] {Keys.CATALOG_INDEX}); it.isValid() && it.key()[0] == Keys.CATALOG_INDEX;
                    it.next()) {
                defKeys.add(it.key());
                defs.add(CatalogRecords.index(it.value()));
            }
            it.status();
        } catch (RocksDBException e) {
            throw Rocks.failure("migration (index keys)", e);
        }
        for (int i = 0; i < defs.size(); i++) {
            IndexDefinition def = defs.get(i).definition();
            if (def.formatVersion() >= 2) {
                continue;
            }
            String field = def.multi() || def.geo() ? null : run.classifier().plainField(def);
            if (field == null) {
                run.log("index `{}` keeps its version-1 keys and is outdated until rebuilt", def.name());
                continue;
            }
            byte[] key = defKeys.get(i);
            long converted = convert(run, Keys.intAt(key, 1), Keys.intAt(key, 5), field);
            IndexDefinition v2 = new IndexDefinition(def.name(), def.function(), def.multi(), def.geo(), 2);
            try (WriteBatch batch = new WriteBatch()) {
                batch.put(ctx.catalog(), key, CatalogRecords.index(v2, defs.get(i).ready()));
                run.commit(batch, null);
            } catch (RocksDBException e) {
                throw Rocks.failure("migration (index keys)", e);
            }
            run.log("index `{}` (field `{}`) converted in place: {} entries with times rewritten",
                    def.name(), field, converted);
        }
    }

    private static long convert(MigrationRun run, int table, int index, String field) {
        StoreContext ctx = run.ctx();
        byte[] prefix = Keys.indexPrefix(table, index);
        long converted = 0;
        try (RocksIterator it = ctx.db().newIterator(ctx.indexes())) {
            it.seek(prefix);
            while (it.isValid() && startsWith(it.key(), prefix)) {
                try (WriteBatch batch = new WriteBatch()) {
                    int n = 0;
                    for (; n < run.chunkSize() && it.isValid() && startsWith(it.key(), prefix); it.next()) {
                        byte[] entry = it.key();
                        if (Keys.hasZones(entry) || !IndexZones.hasTimes(Keys.indexValue(entry))) {
                            continue;
                        }
                        int pkStart = Keys.primaryKeyStart(entry);
                        byte[] doc = ctx.db().get(ctx.documents(), Keys.documentOfEntry(entry, pkStart));
                        Datum value = doc == null ? null : fieldOf(DocumentCodec.decode(doc), field);
                        batch.delete(ctx.indexes(), entry);
                        if (value != null) {
                            byte[] pk = java.util.Arrays.copyOfRange(entry, pkStart,
                                    io.reqldb.datum.KeyEncoding.skip(entry, pkStart));
                            batch.put(ctx.indexes(), Keys.indexEntry(table, index, value, pk, 2),
                                    DocumentWrites.EMPTY);
                        }
                        n++;
                        converted++;
                    }
                    if (n > 0) {
                        run.commit(batch, null);
                    }
                }
            }
            it.status();
        } catch (RocksDBException e) {
            throw Rocks.failure("migration (index keys)", e);
        }
        return converted;
    }

    private static Datum fieldOf(Datum doc, String field) {
        return doc instanceof ObjectDatum o ? o.get(field) : null;
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        if (key.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (key[i] != prefix[i]) {
                return false;
            }
        }
        return true;
    }
}

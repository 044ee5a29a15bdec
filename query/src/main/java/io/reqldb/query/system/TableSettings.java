package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.query.eval.Env;
import io.reqldb.query.eval.FuncValue;
import io.reqldb.query.eval.TableRef;
import io.reqldb.query.eval.Values;
import io.reqldb.query.term.Term;
import io.reqldb.query.terms.index.StoredFunctions;
import io.reqldb.storage.Durability;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-table settings the storage engine does not keep: the write hook (RethinkDB's blob of it, see
 * {@link StoredFunctions#writeHook}) and a durability or write_acks set through
 * {@code config().update(...)}. Held in memory.
 */
public final class TableSettings {
    /** A table's write hook as saved, compiled on first use. */
    private record Hook(Datum source, Term[] compiled) {
    }

    private final Map<UUID, Hook> hooks = new ConcurrentHashMap<>();
    private final Map<UUID, Durability> durability = new ConcurrentHashMap<>();
    private final Map<UUID, String> writeAcks = new ConcurrentHashMap<>();
    private final Map<UUID, Integer> shards = new ConcurrentHashMap<>();
    /** Where changes are saved (null: kept in memory only). */
    private volatile SettingsStore persist;

    /** Loads saved settings and saves every later change. */
    void attach(SettingsStore store) {
        store.loadTables(this);
        this.persist = store;
    }

    /** The number of shards {@code table_config} reports (as created or reconfigured; 1 by default). */
    public int shards(UUID table) {
        return shards.getOrDefault(table, 1);
    }

    public void setShards(UUID table, int n) {
        if (n == 1) {
            shards.remove(table);
        } else {
            shards.put(table, n);
        }
        saved(table);
    }

    void restoreShards(UUID table, int n) {
        shards.put(table, n);
    }

    void restore(UUID table, Datum hook, Durability d, String acks) {
        if (hook != null) {
            hooks.put(table, new Hook(hook, new Term[1]));
        }
        if (d != null) {
            durability.put(table, d);
        }
        if (acks != null) {
            writeAcks.put(table, acks);
        }
    }

    private void saved(UUID table) {
        SettingsStore p = persist;
        if (p != null) {
            p.saveTable(table, writeHookSource(table), durability.get(table), writeAcks.get(table), shards.get(table));
        }
    }

    /** The table's write hook as saved ({@link StoredFunctions#writeHook}), or null. */
    public Datum writeHookSource(UUID table) {
        Hook h = hooks.get(table);
        return h == null ? null : h.source();
    }

    public void setWriteHook(UUID table, Datum source) {
        if (source == null) {
            hooks.remove(table);
        } else {
            hooks.put(table, new Hook(source, new Term[1]));
        }
        saved(table);
    }

    /** The table's write hook as a function ready to call in this query, or null. */
    public FuncValue writeHook(TableRef table, Env env) {
        Hook h = hooks.get(table.storage().info().id());
        if (h == null) {
            return null;
        }
        Term t = h.compiled()[0];
        if (t == null) {
            t = env.context().compiler().compile(StoredFunctions.writeHook(h.source()).toWire());
            h.compiled()[0] = t;
        }
        return Values.toFunc(t.eval(new Env(env.context())));
    }

    /** The durability writes use by default: as set through config(), else as created. */
    public Durability durability(UUID table, Durability created) {
        return durability.getOrDefault(table, created);
    }

    public void setDurability(UUID table, Durability d) {
        durability.put(table, d);
        saved(table);
    }

    public String writeAcks(UUID table) {
        return writeAcks.getOrDefault(table, "majority");
    }

    public void setWriteAcks(UUID table, String acks) {
        writeAcks.put(table, acks);
        saved(table);
    }

    /** Forgets a dropped table. */
    public void forget(UUID table) {
        hooks.remove(table);
        durability.remove(table);
        writeAcks.remove(table);
        shards.remove(table);
        saved(table);
    }
}

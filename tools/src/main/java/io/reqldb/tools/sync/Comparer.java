package io.reqldb.tools.sync;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.conn.ServerVersion;
import io.reqldb.tools.export.TableDiscovery;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.export.TableSelector;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compares the selected tables of two servers, each checksum computed on its own server
 * ({@link TableChecksum}); only when the checksums differ are keys and hashes read to list the
 * first differing keys ({@link KeyDiff}).
 */
public final class Comparer {
    /** Differing keys listed per table. */
    public static final int KEYS_LISTED = 10;

    private final Connection a;
    private final Connection b;
    private final boolean hooks;
    private final Set<TableRef> onA;
    private final Set<TableRef> onB;

    /** Reads both servers' versions and table lists; tables created afterwards are not seen. */
    public Comparer(Connection a, Connection b) {
        this.a = a;
        this.b = b;
        this.hooks = ServerVersion.read(a).hasWriteHooks() && ServerVersion.read(b).hasWriteHooks();
        this.onA = Set.copyOf(TableDiscovery.find(a, List.of()));
        this.onB = Set.copyOf(TableDiscovery.find(b, List.of()));
    }

    /**
     * The tables of either side that the selectors cover (every user table when none), in name
     * order. A selector must name a database or table of {@code a}, as for dump.
     */
    public List<TableRef> tables(List<TableSelector> selectors) {
        TreeSet<TableRef> all = new TreeSet<>(TableDiscovery.find(a, selectors));
        for (TableRef t : onB) {
            if (selectors.isEmpty() || selectors.stream().anyMatch(s -> s.matches(t.db(), t.table()))) {
                all.add(t);
            }
        }
        return new ArrayList<>(all);
    }

    /** Compares one table. */
    public TableComparison compare(TableRef ref) {
        if (!onA.contains(ref) || !onB.contains(ref)) {
            return new TableComparison(ref, onA.contains(ref) ? 0 : -1, onB.contains(ref) ? 0 : -1, false, List.of(),
                    false, false, false);
        }
        TableDefinition defA = TableDefinition.read(a, ref, hooks);
        TableDefinition defB = TableDefinition.read(b, ref, hooks);
        TableChecksum sumA = TableChecksum.of(a, ref);
        TableChecksum sumB = TableChecksum.of(b, ref);
        boolean samePk = defA.primaryKey().equals(defB.primaryKey());
        boolean rowsEqual = sumA.equals(sumB);
        List<Object> keys = rowsEqual || !samePk ? List.of() : KeyDiff.find(a, b, ref, defA.primaryKey(), KEYS_LISTED);
        return new TableComparison(ref, sumA.rows(), sumB.rows(), rowsEqual, keys, samePk,
                defA.indexes().equals(defB.indexes()), Objects.equals(defA.writeHook(), defB.writeHook()));
    }
}

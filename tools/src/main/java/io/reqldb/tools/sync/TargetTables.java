package io.reqldb.tools.sync;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.net.Connection;
import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.TableInfo;
import io.reqldb.tools.export.TableDiscovery;
import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.importer.PlannedTable;
import io.reqldb.tools.importer.Preflight;
import io.reqldb.tools.importer.TableFinisher;
import java.util.List;
import java.util.TreeSet;

/**
 * The target's side of the tables before rows arrive: refuses tables that already exist there
 * (their rows would mix with the copy), then creates each database, table (same primary key),
 * secondary index and write hook with restore's own steps.
 */
final class TargetTables {
    private TargetTables() {}

    /** Fails, changing nothing, when one of {@code tables} exists on the target. */
    static void requireAbsent(Connection target, List<TableRef> tables) {
        TreeSet<String> existing = new TreeSet<>();
        List<TableRef> there = TableDiscovery.find(target, List.of());
        tables.stream().filter(there::contains).forEach(t -> existing.add(t.toString()));
        if (!existing.isEmpty()) {
            throw ToolException.failure("Error: these tables already exist on the target: " + String.join(", ", existing)
                    + ". sync copies into new tables only: drop them there (or choose others with -e).");
        }
    }

    /** Creates the table as {@code info} describes it, with its indexes and write hook. */
    static void create(Connection target, TableRef ref, TableInfo info) {
        r.expr(r.array(ref.db())).setDifference(r.dbList()).forEach(db -> r.dbCreate(db)).run(target);
        PlannedTable plan = new PlannedTable(ref.db(), ref.table(), info, info.primaryKey());
        Preflight.createTable(target, plan, null, null);
        TableFinisher.finish(target, plan, true);
    }
}

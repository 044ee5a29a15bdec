package io.reqldb.query.terms.admin;

import io.reqldb.datum.Datum;
import io.reqldb.query.error.ReqlPermissionError;
import io.reqldb.query.system.SystemTable;
import io.reqldb.query.system.Users;
import io.reqldb.storage.DocumentCursor;
import io.reqldb.storage.Durability;
import io.reqldb.storage.IndexDefinition;
import io.reqldb.storage.IndexFunction;
import io.reqldb.storage.IndexStatus;
import io.reqldb.storage.KeyRange;
import io.reqldb.storage.Table;
import io.reqldb.storage.TableInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * A table as a user other than admin sees it: every read of documents needs {@code read}, every
 * write needs {@code write} (with {@code read}), checked when the read or write happens, as
 * RethinkDB checks them in its table clients. A system table checks {@code read} before
 * {@code write}, as RethinkDB's artificial tables do, then {@code config} where the system table's
 * backend asks for it (table_config, db_config), and its debug tables refuse everyone but admin.
 * Index changes are checked for {@code config} by the terms that make them; listing indexes needs
 * nothing.
 */
final class GuardedTable implements Table {
    private final Table table;
    private final Users users;
    private final String user;
    private final boolean checkReads;
    /** Once a read was allowed, later reads of this query skip the lookup. */
    private volatile boolean readAllowed;

    GuardedTable(Table table, Users users, String user, boolean checkReads) {
        this.table = table;
        this.users = users;
        this.user = user;
        this.checkReads = checkReads;
    }

    private void requireRead() {
        if (checkReads && !readAllowed) {
            TableInfo info = table.info();
            users.require(user, "read", info.dbId(), info.id());
            requireAdminIfDebug();
            readAllowed = true;
        }
    }

    private void requireWrite() {
        TableInfo info = table.info();
        if (SystemTable.SYSTEM_DB_ID.equals(info.dbId())) {
            users.require(user, "read", info.dbId(), info.id());
        }
        users.require(user, "write", info.dbId(), info.id());
        requireAdminIfDebug();
    }

    /** RethinkDB's debug tables refuse every user but admin, with its text for that refusal. */
    private void requireAdminIfDebug() {
        if (table instanceof SystemTable system && system.adminOnly()) {
            throw new ReqlPermissionError("Internal permission error, required `admin` permission.");
        }
    }

    /** {@code config} wherever a system table's backend asks for it (all of them must hold). */
    private void requireConfig(List<Users.Scope> scopes) {
        for (Users.Scope scope : scopes) {
            if (!users.holds(user, "config", scope.db(), scope.table())) {
                throw Users.refusal(user, "config");
            }
        }
    }

    @Override
    public TableInfo info() {
        return table.info();
    }

    @Override
    public Datum get(Datum primaryKey) {
        requireRead();
        return table.get(primaryKey);
    }

    @Override
    public DocumentCursor scan(KeyRange range, boolean descending) {
        requireRead();
        return table.scan(range, descending);
    }

    @Override
    public DocumentCursor indexScan(String index, KeyRange range, boolean descending) {
        requireRead();
        return table.indexScan(index, range, descending);
    }

    @Override
    public long countRange(String index, KeyRange range) {
        requireRead();
        return table.countRange(index, range);
    }

    @Override
    public long count() {
        requireRead();
        return table.count();
    }

    @Override
    public AutoCloseable subscribe(ChangeListener listener) {
        requireRead();
        return table.subscribe(listener);
    }

    @Override
    public WriteResult modify(Datum primaryKey, UnaryOperator<Datum> change, Durability durability) {
        requireWrite();
        if (table instanceof SystemTable system) {
            return system.modify(primaryKey, change, durability,
                    (oldRow, newRow) -> requireConfig(system.configNeeded(primaryKey, oldRow, newRow)));
        }
        return table.modify(primaryKey, change, durability);
    }

    @Override
    public List<WriteResult> modifyAll(List<Datum> primaryKeys, List<UnaryOperator<Datum>> changes,
            Durability durability) {
        requireWrite();
        if (table instanceof SystemTable) {
            List<WriteResult> out = new ArrayList<>();
            for (int i = 0; i < primaryKeys.size(); i++) {
                out.add(modify(primaryKeys.get(i), changes.get(i), durability));
            }
            return out;
        }
        return table.modifyAll(primaryKeys, changes, durability);
    }

    @Override
    public void createIndex(IndexDefinition definition, IndexFunction function) {
        table.createIndex(definition, function);
    }

    @Override
    public void dropIndex(String name) {
        table.dropIndex(name);
    }

    @Override
    public void renameIndex(String from, String to, boolean overwrite) {
        table.renameIndex(from, to, overwrite);
    }

    @Override
    public List<IndexStatus> indexes() {
        return table.indexes();
    }
}

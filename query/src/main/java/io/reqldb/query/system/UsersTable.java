package io.reqldb.query.system;

import io.reqldb.datum.Datum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlOpFailedError;
import java.util.ArrayList;
import java.util.List;

/** {@code rethinkdb.users}: {id, password: bool}. Insert creates a user, update sets its password. */
public final class UsersTable extends SystemTable {
    public UsersTable(SystemContext system, boolean uuidFormat) {
        super(system, "users", uuidFormat);
    }

    @Override
    protected List<Datum> rows() {
        List<Datum> out = new ArrayList<>();
        for (String user : system.users().names()) {
            out.add(Rows.obj("id", user, "password", system.users().hasPassword(user)));
        }
        return out;
    }

    /**
     * RethinkDB answers a write to {@code users} with the row as given, not as read back: setting
     * a new password is {@code replaced: 1} though the row still reads {@code password: true}.
     */
    @Override
    protected Datum reported(Datum written, Datum stored) {
        return written;
    }

    /** Deleting a user that is not there is an error in RethinkDB, not a skip. */
    @Override
    protected void unchanged(Datum key, ObjectDatum row) {
        String user = userName(key);
        if (row == null) {
            throw new ReqlOpFailedError("User `" + user + "` not found.");
        }
    }

    private static String userName(Datum key) {
        if (!(key instanceof StringDatum s)) {
            throw new ReqlOpFailedError("Expected a username as the primary key, got "
                    + io.reqldb.datum.DatumPrinter.print(key) + ".");
        }
        return s.value();
    }

    @Override
    protected void write(Datum key, ObjectDatum oldRow, ObjectDatum newRow) {
        String user = userName(key);
        if (newRow == null) {
            if (Users.ADMIN.equals(user)) {
                throw new ReqlOpFailedError("The user `admin` can't be deleted.");
            }
            system.users().delete(user);
            return;
        }
        system.users().put(newRow);
    }
}

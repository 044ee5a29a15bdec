package io.reqldb.query.terms;

import io.reqldb.datum.Datum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.storage.Durability;

/** Parsing of the write optargs shared by several terms. */
public final class WriteOptions {
    private WriteOptions() {
    }

    /** "hard" or "soft"; anything else is RethinkDB's error. */
    public static Durability parseDurability(Datum d) {
        if (d instanceof StringDatum s) {
            if (s.value().equals("hard")) {
                return Durability.HARD;
            }
            if (s.value().equals("soft")) {
                return Durability.SOFT;
            }
            throw new ReqlQueryLogicError("Durability option `" + s.value() + "` unrecognized "
                    + "(options are \"hard\" and \"soft\").");
        }
        throw new ReqlQueryLogicError("Expected type STRING but found " + d.typeName() + ".");
    }
}

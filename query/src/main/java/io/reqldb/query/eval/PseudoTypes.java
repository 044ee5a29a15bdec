package io.reqldb.query.eval;

import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.error.ReqlQueryLogicError;

/** Validation of {@code $reql_type$} objects that queries build or send. */
final class PseudoTypes {
    private PseudoTypes() {
    }

    static void check(ObjectDatum o) {
        String type = o.reqlType();
        if (type == null) {
            throw new ReqlQueryLogicError("Not a pseudotype: `" + io.reqldb.datum.DatumPrinter.truncated(o) + "`.");
        }
        switch (type) {
            case "GEOMETRY", "GROUPED_DATA", "LITERAL" -> {
            }
            case "TIME" -> throw new ReqlQueryLogicError("Invalid time object constructed (no fields other than `$reql_type$`, `epoch_time` and `timezone` are allowed).");
            case "BINARY" -> throw new ReqlQueryLogicError("Invalid binary pseudotype: lacking `data` key.");
            default -> throw new ReqlQueryLogicError("Unknown $reql_type$ `" + type + "`.");
        }
    }
}

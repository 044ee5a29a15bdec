package io.reqldb.tools.sync;

import io.reqldb.tools.export.TableRef;
import io.reqldb.tools.format.PyJson;
import java.util.ArrayList;
import java.util.List;

/**
 * How one table compares on two servers. {@code rowsA}/{@code rowsB} are -1 where the table is
 * missing; {@code differingKeys} holds the first keys whose rows differ.
 */
public record TableComparison(TableRef table, long rowsA, long rowsB, boolean rowsEqual, List<Object> differingKeys,
        boolean primaryKeyEqual, boolean indexesEqual, boolean writeHookEqual) {
    /** True when both sides hold the table with the same rows, indexes and write hook. */
    public boolean equal() {
        return rowsA >= 0 && rowsB >= 0 && rowsEqual && primaryKeyEqual && indexesEqual && writeHookEqual;
    }

    /** One line for the report. */
    public String line() {
        if (rowsA < 0 || rowsB < 0) {
            return table + ": DIFFERENT, the table is missing on " + (rowsA < 0 ? "the source (-c)" : "the target (--to)");
        }
        if (equal()) {
            return table + ": equal (" + rowsA + " rows, indexes and write hook equal)";
        }
        List<String> what = new ArrayList<>();
        if (!primaryKeyEqual) {
            what.add("primary keys differ");
        }
        if (!rowsEqual) {
            StringBuilder rows = new StringBuilder("rows differ (" + rowsA + " vs " + rowsB + " rows");
            if (!differingKeys.isEmpty()) {
                rows.append("; first differing keys: ");
                for (int i = 0; i < differingKeys.size(); i++) {
                    rows.append(i == 0 ? "" : ", ");
                    PyJson.append(rows, differingKeys.get(i));
                }
            }
            what.add(rows.append(')').toString());
        }
        if (!indexesEqual) {
            what.add("index definitions differ");
        }
        if (!writeHookEqual) {
            what.add("write hooks differ");
        }
        return table + ": DIFFERENT, " + String.join("; ", what);
    }
}

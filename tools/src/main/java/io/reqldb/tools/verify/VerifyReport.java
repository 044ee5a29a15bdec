package io.reqldb.tools.verify;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The outcome of reading a whole archive: per-table contents and every problem found. */
public final class VerifyReport {
    private final Map<String, TableReport> tables = new TreeMap<>();
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String top;

    TableReport table(String db, String table) {
        return tables.computeIfAbsent(db + "." + table, k -> new TableReport(db, table));
    }

    void problem(String message) {
        problems.add(message);
    }

    void warning(String message) {
        warnings.add(message);
    }

    void top(String value) {
        top = value;
    }

    /** Tables by {@code db.table}, sorted. */
    public Map<String, TableReport> tables() {
        return Collections.unmodifiableMap(tables);
    }

    /** Problems, in the order found; empty means the archive is sound. */
    public List<String> problems() {
        return Collections.unmodifiableList(problems);
    }

    /** Things a restore skips (a data file without .info, or the reverse); they do not make it fail. */
    public List<String> warnings() {
        return Collections.unmodifiableList(warnings);
    }

    /** The archive's top folder, or null if it had no used member. */
    public String top() {
        return top;
    }

    /** True when no problem was found. */
    public boolean ok() {
        return problems.isEmpty();
    }
}

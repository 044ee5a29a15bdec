package io.reqldb.tools.cli;

import io.reqldb.tools.export.TableSelector;
import java.util.ArrayList;
import java.util.List;

/** Parses repeated {@code -e}/{@code -i}/{@code -r} values at run time, so errors share one path. */
final class Selectors {
    private Selectors() {}

    static List<TableSelector> parse(List<String> values) {
        List<TableSelector> selectors = new ArrayList<>();
        for (String value : values) {
            selectors.add(TableSelector.parse(value));
        }
        return selectors;
    }

    /** True when no selector is given or one of them covers the table. */
    static boolean covers(List<TableSelector> selectors, String db, String table) {
        return selectors.isEmpty() || selectors.stream().anyMatch(s -> s.matches(db, table));
    }
}

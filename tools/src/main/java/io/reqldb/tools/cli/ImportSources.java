package io.reqldb.tools.cli;

import io.reqldb.tools.ToolException;
import io.reqldb.tools.archive.TableInfo;
import io.reqldb.tools.export.TableSelector;
import io.reqldb.tools.importer.PlannedTable;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * Finds what {@code import -d} imports: {@code <dir>/<db>/<table>.{json,csv,ndjson}} with a
 * {@code <table>.info} beside it. Everything else is listed as ignored. Unlike the official tool,
 * {@code .ndjson} files (which {@code export --format ndjson} writes) are accepted.
 */
final class ImportSources {
    /** One data file and the table it goes to. */
    record Source(PlannedTable table, Path file, String format) {}

    final List<Source> sources = new ArrayList<>();
    final List<Path> ignored = new ArrayList<>();

    private ImportSources() {}

    static ImportSources scan(Path root, List<TableSelector> selectors) throws IOException {
        ImportSources found = new ImportSources();
        for (Path dbDir : sorted(root)) {
            if (!Files.isDirectory(dbDir)) {
                found.ignored.add(dbDir);
                continue;
            }
            String db = dbDir.getFileName().toString();
            if (!selectors.isEmpty() && selectors.stream().noneMatch(s -> s.db().equals(db))) {
                continue;
            }
            for (Path file : sorted(dbDir)) {
                found.consider(db, file, selectors);
            }
        }
        return found;
    }

    private void consider(String db, Path file, List<TableSelector> selectors) throws IOException {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        String ext = dot < 0 ? "" : name.substring(dot + 1);
        String table = dot < 0 ? name : name.substring(0, dot);
        if (Files.isDirectory(file) || !(ext.equals("json") || ext.equals("csv") || ext.equals("ndjson")
                || ext.equals("info"))) {
            ignored.add(file);
            return;
        }
        if (ext.equals("info")) {
            return;
        }
        Path info = file.resolveSibling(table + ".info");
        if (!Files.isRegularFile(info)) {
            ignored.add(file);
            return;
        }
        if (!Selectors.covers(selectors, db, table)) {
            return;
        }
        if (sources.stream().anyMatch(s -> s.table().db().equals(db) && s.table().table().equals(table))) {
            // The official tool means to refuse this but its check never fires, so it imports both.
            throw ToolException.usage("Duplicate db.table found in directory tree: " + db + "." + table);
        }
        TableInfo parsed = TableInfo.parse(Files.readAllBytes(info), db + "/" + table + ".info");
        sources.add(new Source(new PlannedTable(db, table, parsed, parsed.primaryKey()), file, ext));
    }

    private static List<Path> sorted(Path dir) throws IOException {
        try (Stream<Path> list = Files.list(dir)) {
            return list.sorted().toList();
        }
    }
}

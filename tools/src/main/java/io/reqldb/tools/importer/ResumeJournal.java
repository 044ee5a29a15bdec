package io.reqldb.tools.importer;

import io.reqldb.tools.ToolException;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Progress of a restore, one appended line per step, so a killed run can continue:
 * {@code <db.table> TAB rows TAB <n>} means the first n rows of the table's data file are
 * written (every batch up to there was acknowledged); {@code data} means all rows are written;
 * {@code done} means indexes and write hook are in place too. Rows past the recorded count may
 * also be in the table already; a resumed run re-inserts them with {@code conflict: "replace"},
 * which neither duplicates nor loses a document that has its primary key. A line
 * {@code TAB source TAB <description>} records what the run reads from, for a resumed run to
 * check that it reads the same.
 * <p>Lines are flushed to the OS after each step, which survives a killed process; a machine
 * crash can lose the last lines, which only means some rows are re-inserted.
 */
public final class ResumeJournal implements Closeable {
    /** What the journal says about one table. */
    public record TableStep(long rows, boolean dataDone, boolean done) {}

    /** What the run reads from, for a resumed run to check (a line of its own: tab, source, tab, it). */
    private static final String SOURCE = "source";

    private final Path file;
    private final Map<String, TableStep> steps;
    private final String source;
    private final BufferedWriter out;

    private ResumeJournal(Path file, Map<String, TableStep> steps, String source, BufferedWriter out) {
        this.file = file;
        this.steps = steps;
        this.source = source;
        this.out = out;
    }

    /** Starts a new journal, replacing any old one. */
    public static ResumeJournal create(Path file) throws IOException {
        return new ResumeJournal(file, new HashMap<>(), null, Files.newBufferedWriter(file, StandardCharsets.UTF_8));
    }

    /** Reads an existing journal and appends to it. */
    public static ResumeJournal resume(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            throw ToolException.usage("Nothing to resume: no journal at " + file);
        }
        Map<String, TableStep> steps = new HashMap<>();
        String source = null;
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        for (String line : lines) {
            String[] parts = line.split("\t");
            if (parts.length != 3) {
                continue; // a line cut short by the kill
            }
            if (parts[0].isEmpty() && parts[1].equals(SOURCE)) {
                source = parts[2];
                continue;
            }
            TableStep old = steps.getOrDefault(parts[0], new TableStep(0, false, false));
            steps.put(parts[0], switch (parts[1]) {
                case "rows" -> new TableStep(Math.max(old.rows(), Long.parseLong(parts[2])), old.dataDone(), old.done());
                case "data" -> new TableStep(old.rows(), true, old.done());
                case "done" -> new TableStep(old.rows(), true, true);
                default -> old;
            });
        }
        return new ResumeJournal(file, steps, source, Files.newBufferedWriter(file, StandardCharsets.UTF_8,
                StandardOpenOption.APPEND));
    }

    /**
     * Records what this run reads from ({@code description}: one line, no tab), for a resumed run
     * to compare with {@link #recordedSource()}.
     */
    public synchronized void source(String description) throws IOException {
        if (description.contains("\t") || description.contains("\n")) {
            throw new IllegalArgumentException("a source description is one line without tabs");
        }
        out.write("\t" + SOURCE + "\t" + description + "\n");
        out.flush();
    }

    /** What the interrupted run recorded it read from, or null when it recorded nothing. */
    public String recordedSource() {
        return source;
    }

    /** What an earlier run recorded for the table, or null if it never started it. */
    public TableStep recorded(String table) {
        return steps.get(table);
    }

    /** Records that the first {@code rows} rows of the table are written. */
    public synchronized void rows(String table, long rows) throws IOException {
        append(table, "rows", rows);
    }

    /** Records that all of the table's rows are written. */
    public synchronized void dataDone(String table) throws IOException {
        append(table, "data", 0);
    }

    /** Records that the table is complete. */
    public synchronized void done(String table) throws IOException {
        append(table, "done", 0);
    }

    /** Records that a table was started (created or taken over) by this run. */
    public synchronized void started(String table) throws IOException {
        if (!steps.containsKey(table)) {
            steps.put(table, new TableStep(0, false, false));
            append(table, "rows", 0);
        }
    }

    private void append(String table, String step, long value) throws IOException {
        out.write(table + "\t" + step + "\t" + value + "\n");
        out.flush();
    }

    /** Closes the journal; with {@code delete}, removes it (the run completed). */
    public void close(boolean delete) throws IOException {
        out.close();
        if (delete) {
            Files.deleteIfExists(file);
        }
    }

    @Override
    public void close() throws IOException {
        close(false);
    }
}

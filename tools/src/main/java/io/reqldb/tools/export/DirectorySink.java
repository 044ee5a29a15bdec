package io.reqldb.tools.export;

import io.reqldb.tools.archive.TableInfo;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes {@code <dir>/<db>/<table>.<ext>} and {@code .info} files into a directory. */
public final class DirectorySink implements TableSink {
    private final Path root;

    /** Writes under {@code root}, which must exist. */
    public DirectorySink(Path root) {
        this.root = root;
    }

    @Override
    public OutputStream openData(TableRef table, String extension) throws IOException {
        return Files.newOutputStream(file(table, extension));
    }

    @Override
    public void finishTable(TableRef table, String extension, TableInfo info) throws IOException {
        Files.write(file(table, "info"), info.toBytes());
    }

    /**
     * The path of one of a table's files (creating its database folder). The root is not made
     * again: removed because the command was interrupted, it stays removed.
     */
    public Path file(TableRef table, String extension) throws IOException {
        Path dir = root.resolve(table.db());
        try {
            Files.createDirectory(dir);
        } catch (FileAlreadyExistsException made) {
            // by another table of the same database
        }
        return dir.resolve(table.table() + "." + extension);
    }
}

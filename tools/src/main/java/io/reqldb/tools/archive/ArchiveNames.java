package io.reqldb.tools.archive;

import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Names the official tools give to dumps and exports: local time, seconds, colons. */
public final class ArchiveNames {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");

    private ArchiveNames() {}

    /** {@code rethinkdb_dump_<ts>}: the archive's top folder, and with ".tar.gz" its default file name. */
    public static String dumpName(LocalDateTime now) {
        return "rethinkdb_dump_" + STAMP.format(now);
    }

    /** {@code rethinkdb_export_<ts>}: export's default directory. */
    public static String exportName(LocalDateTime now) {
        return "rethinkdb_export_" + STAMP.format(now);
    }
}

package io.reqldb.tools.export;

import java.util.List;

/**
 * What to export and how.
 *
 * @param format data file format
 * @param fields top-level fields to keep, or null for all
 * @param delimiter CSV delimiter
 * @param clients tables exported at the same time
 * @param readOutdated use {@code read_mode: "outdated"}
 * @param snapshot ask the server for a point-in-time snapshot (dump)
 */
public record ExportSettings(ExportFormat format, List<String> fields, char delimiter, int clients,
        boolean readOutdated, boolean snapshot) {}

package io.reqldb.tools.archive;

import io.reqldb.tools.format.FormatException;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * A data or info member of a dump archive, {@code <top>/<db>/<table>.<ext>}. Parsing follows the
 * official restore: names are normalised, members whose extension is not json, csv or info are
 * ignored, and a used member must have exactly three components.
 */
public record MemberPath(String top, String db, String table, String extension) {

    /**
     * Parses a tar member name. Returns null for members restore ignores.
     *
     * @throws FormatException when a data or info member is not at {@code <top>/<db>/<file>}
     */
    public static MemberPath parse(String memberName) throws FormatException {
        String normalised = normalise(memberName);
        if (normalised == null) {
            return null;
        }
        int dot = normalised.lastIndexOf('.');
        int slash = normalised.lastIndexOf('/');
        String extension = dot > slash ? normalised.substring(dot + 1) : "";
        if (!extension.equals("json") && !extension.equals("csv") && !extension.equals("info")) {
            return null;
        }
        String[] parts = normalised.split("/");
        if (parts.length != 3) {
            throw new FormatException("Error: Archive file has an unexpected directory structure: " + memberName);
        }
        String table = parts[2].substring(0, parts[2].length() - extension.length() - 1);
        return new MemberPath(parts[0], parts[1], table, extension);
    }

    /** Strips spaces and leading slashes and resolves . and ..; null if the name escapes upwards. */
    private static String normalise(String name) {
        String trimmed = name.strip();
        while (trimmed.startsWith("/")) {
            trimmed = trimmed.substring(1);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : trimmed.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    return null;
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    /** {@code db.table}, the name used in messages and selectors. */
    public String qualifiedTable() {
        return db + "." + table;
    }
}

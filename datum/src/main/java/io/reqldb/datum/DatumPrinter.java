package io.reqldb.datum;

import java.util.List;
import java.util.Map;

/**
 * Prints values the way RethinkDB quotes them in error messages: pretty JSON indented with tabs,
 * a tab after each key's colon, and {@link #truncated} cut at 300 characters with "...".
 */
public final class DatumPrinter {
    private static final int TRUNCATE_AT = 300;

    private DatumPrinter() {
    }

    public static String print(Datum d) {
        StringBuilder out = new StringBuilder();
        print(d, 0, out);
        return out.toString();
    }

    /** {@link #print}, cut to 297 characters plus "..." when longer than 300. */
    public static String truncated(Datum d) {
        String s = print(d);
        return s.length() > TRUNCATE_AT ? s.substring(0, TRUNCATE_AT - 3) + "..." : s;
    }

    private static void print(Datum d, int depth, StringBuilder out) {
        switch (d.type()) {
            case ARRAY -> {
                List<Datum> items = ((ArrayDatum) d).items();
                if (items.isEmpty()) {
                    out.append("[]");
                    return;
                }
                out.append("[\n");
                for (int i = 0; i < items.size(); i++) {
                    indent(depth + 1, out);
                    print(items.get(i), depth + 1, out);
                    out.append(i + 1 < items.size() ? ",\n" : "\n");
                }
                indent(depth, out);
                out.append(']');
            }
            case OBJECT, GEOMETRY -> printObject(((ObjectDatum) d).fields(), depth, out);
            case TIME, BINARY -> printObject(DatumJson.asRawObject(d).fields(), depth, out);
            case MINVAL, MAXVAL -> out.append(d);
            default -> out.append(DatumJson.write(d));
        }
    }

    private static void printObject(Map<String, Datum> fields, int depth, StringBuilder out) {
        if (fields.isEmpty()) {
            out.append("{}");
            return;
        }
        out.append("{\n");
        int n = 0;
        for (Map.Entry<String, Datum> e : fields.entrySet()) {
            indent(depth + 1, out);
            out.append(DatumJson.write(new StringDatum(e.getKey()))).append(":\t");
            print(e.getValue(), depth + 1, out);
            out.append(++n < fields.size() ? ",\n" : "\n");
        }
        indent(depth, out);
        out.append('}');
    }

    private static void indent(int depth, StringBuilder out) {
        for (int i = 0; i < depth; i++) {
            out.append('\t');
        }
    }
}

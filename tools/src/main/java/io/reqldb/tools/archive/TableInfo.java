package io.reqldb.tools.archive;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.reqldb.tools.format.FormatException;
import io.reqldb.tools.format.PyJson;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * The {@code <table>.info} file: the server's {@code table.info()} object whose {@code indexes}
 * is replaced by the raw {@code index_status()} rows, plus {@code write_hook}. Fields that
 * restore does not use are kept as they are, so a re-written file stays diff-friendly.
 */
public final class TableInfo {
    private static final ObjectMapper MAPPER =
            new ObjectMapper().enable(DeserializationFeature.USE_LONG_FOR_INTS);

    private final Map<String, Object> fields;

    /** Wraps an info object (keys in the server's order). */
    public TableInfo(Map<String, Object> fields) {
        this.fields = fields;
    }

    /** Parses a {@code .info} file's bytes; {@code name} is used in messages only. */
    @SuppressWarnings("unchecked")
    public static TableInfo parse(byte[] bytes, String name) throws FormatException {
        Object value;
        try {
            value = MAPPER.readValue(bytes, Object.class);
        } catch (IOException e) {
            throw new FormatException("Error: could not parse " + name + ": " + firstLine(e.getMessage()));
        }
        if (!(value instanceof Map)) {
            throw new FormatException("Error: " + name + " does not hold a JSON object");
        }
        Map<String, Object> map = (Map<String, Object>) value;
        if (map.get("indexes") != null && !(map.get("indexes") instanceof List)) {
            throw new FormatException("Error: " + name + " has an `indexes` field that is not an array");
        }
        for (Object index : map.get("indexes") == null ? List.of() : (List<Object>) map.get("indexes")) {
            if (!(index instanceof Map)) {
                // Archives from before index_status was saved list bare names; there is no function to restore.
                throw new FormatException("Error: " + name + " lists indexes without their definitions (" + index
                        + "); this archive format is not supported");
            }
        }
        return new TableInfo(map);
    }

    /** The file's bytes: one line of Python-style JSON and a newline. */
    public byte[] toBytes() {
        return (PyJson.encode(fields) + "\n").getBytes(StandardCharsets.ISO_8859_1);
    }

    /** The primary key, or null when the file does not say. */
    public String primaryKey() {
        Object pk = fields.get("primary_key");
        return pk instanceof String s ? s : null;
    }

    /** The {@code index_status} rows (each with {@code index} and {@code function}); empty if none. */
    @SuppressWarnings("unchecked")
    public List<Map<String, Object>> indexes() {
        Object indexes = fields.get("indexes");
        return indexes == null ? List.of() : (List<Map<String, Object>>) indexes;
    }

    /** The {@code get_write_hook()} result ({@code function} and {@code query}), or null. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> writeHook() {
        Object hook = fields.get("write_hook");
        return hook instanceof Map ? (Map<String, Object>) hook : null;
    }

    /** The raw fields, in file order. */
    public Map<String, Object> fields() {
        return fields;
    }

    private static String firstLine(String message) {
        int nl = message == null ? -1 : message.indexOf('\n');
        return nl < 0 ? String.valueOf(message) : message.substring(0, nl);
    }
}

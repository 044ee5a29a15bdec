package io.reqldb.bench.crash;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The documents the ledger writes. Version {@code v} of document {@code id} has contents that
 * follow from (id, v) alone, so a row read back can be compared with what its version must hold,
 * and it carries {@code sum}, a checksum of its other fields, so a row mixing two versions (a
 * torn write) shows even where its version field is intact.
 */
final class LedgerDocs {
    static final String DB = "crash";
    static final String TABLE = "docs";
    /** Secondary index on {@code g}, one of {@link #GROUPS} values. */
    static final String GROUP_INDEX = "g";
    /** Multi index on {@code tags}, two distinct values of {@link #TAGS}. */
    static final String TAG_INDEX = "tags";
    static final int GROUPS = 8;
    static final int TAGS = 5;

    private LedgerDocs() {
    }

    static int group(long id, int v) {
        return (int) Math.floorMod(id * 31 + v, GROUPS);
    }

    static List<String> tags(long id, int v) {
        int first = (int) Math.floorMod(id + v, TAGS);
        return List.of("t" + first, "t" + (first + 1 + v % (TAGS - 1)) % TAGS);
    }

    static String pad(long id, int v) {
        return "x".repeat((int) Math.floorMod(id * 7 + v * 13L, 300));
    }

    /** The whole document, id included. */
    static Map<String, Object> document(long id, int v) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", id);
        doc.putAll(fields(id, v));
        return doc;
    }

    /** Everything but the id: what an update writes. */
    static Map<String, Object> fields(long id, int v) {
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("v", v);
        doc.put("g", group(id, v));
        doc.put("tags", tags(id, v));
        doc.put("pad", pad(id, v));
        doc.put("sum", checksum(id, v, group(id, v), tags(id, v), pad(id, v)));
        return doc;
    }

    static long checksum(long id, long v, long g, List<?> tags, String pad) {
        CRC32 crc = new CRC32();
        crc.update((id + "|" + v + "|" + g + "|" + tags + "|" + pad).getBytes(StandardCharsets.UTF_8));
        return crc.getValue();
    }

    /** Why a row read back is not a whole version of its document, or null when it is. */
    static String tornReason(Map<?, ?> row) {
        try {
            long id = ((Number) row.get("id")).longValue();
            int v = ((Number) row.get("v")).intValue();
            long g = ((Number) row.get("g")).longValue();
            List<?> tags = (List<?>) row.get("tags");
            String pad = (String) row.get("pad");
            long sum = ((Number) row.get("sum")).longValue();
            if (sum != checksum(id, v, g, tags, pad)) {
                return "checksum does not match its fields";
            }
            if (row.size() != 6 || g != group(id, v) || !tags.equals(tags(id, v)) || !pad.equals(pad(id, v))) {
                return "fields are not those of version " + v;
            }
            return null;
        } catch (RuntimeException e) {
            return "unreadable fields (" + e + ")";
        }
    }
}

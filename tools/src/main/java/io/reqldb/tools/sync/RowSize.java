package io.reqldb.tools.sync;

import java.util.List;
import java.util.Map;

/**
 * About how many bytes a document takes as JSON on the wire, without writing it out: enough to
 * cut write batches well below the target's query size limit.
 */
final class RowSize {
    private RowSize() {}

    static long estimate(Object value) {
        if (value instanceof String s) {
            return s.length() + 2L;
        }
        if (value instanceof Map<?, ?> map) {
            long size = 2;
            for (Map.Entry<?, ?> e : map.entrySet()) {
                size += estimate(e.getKey()) + estimate(e.getValue()) + 2;
            }
            return size;
        }
        if (value instanceof List<?> list) {
            long size = 8; // [MAKE_ARRAY, [...]]
            for (Object item : list) {
                size += estimate(item) + 1;
            }
            return size;
        }
        return 24; // a number, boolean or null
    }
}

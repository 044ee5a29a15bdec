package io.reqldb.query.parallel;

import static org.assertj.core.api.Assertions.assertThat;

import io.reqldb.query.StoreBackedTest;
import io.reqldb.query.eval.CursorSequence;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Whole-table reads that split the table across cores once it is large enough (group, count,
 * filter, sum, avg, distinct, order_by without an index) answer exactly as the serial loop does:
 * the same groups in the same order listing the same rows in the same order, sums rounded the
 * same, equal values and equal sort keys in the same order, the same first error. The serial
 * answer comes from the same rows read through {@code order_by({index: 'id'})}, a slice, which
 * is never split.
 */
class ParallelReadsTest extends StoreBackedTest {
    private static final int ROWS = 3 * (int) CursorSequence.MIN_ROWS_PER_PART + 123;
    private static final String TABLE = "[15,[\"t\"]]";
    private static final String SERIAL = "[41,[" + TABLE + "],{\"index\":\"id\"}]";

    @BeforeEach
    void fill() {
        reql.run("[60,[\"t\"]]");
        for (int from = 0; from < ROWS; from += 1000) {
            StringBuilder docs = new StringBuilder();
            for (int i = from; i < Math.min(ROWS, from + 1000); i++) {
                // Mixed key types, rows missing the field (the null group), arrays for multi.
                String g = i % 11 == 0 ? "" : ",\"g\":" + (i % 3 == 0 ? "\"s" + i % 5 + "\"" : Integer.toString(i % 7));
                // x: values whose sum depends on the order of the additions; missing on some rows.
                String x = i % 13 == 0 ? "" : ",\"x\":" + (i % 2 == 0 ? "1.0e16" : Double.toString(0.1 * i + 0.3));
                docs.append(i == from ? "" : ",").append("{\"id\":").append(i).append(g).append(x)
                        .append(",\"tags\":[2,[").append(i % 4).append(",").append(i % 6).append("]]}");
            }
            reql.run("[56,[" + TABLE + ",[2,[" + docs + "]]],{\"durability\":\"soft\"}]");
        }
    }

    private void sameAsSerial(String groupArgsAndOptargs) {
        String parallel = reql.run("[144,[" + TABLE + "," + groupArgsAndOptargs);
        String serial = reql.run("[144,[" + SERIAL + "," + groupArgsAndOptargs);
        assertThat(parallel).isEqualTo(serial);
    }

    @Test
    void groupsByAFieldAsTheSerialLoopDoes() {
        sameAsSerial("\"g\"]]");
        assertThat(reql.run("[43,[[144,[" + TABLE + ",\"g\"]]]]"))
                .isEqualTo(reql.run("[43,[[144,[" + SERIAL + ",\"g\"]]]]"));
    }

    @Test
    void groupsByAFunctionAndByMultiValues() {
        sameAsSerial("[69,[[2,[1]],[28,[[170,[[10,[1]],\"id\"]],17]]]]]]");
        sameAsSerial("\"tags\"],{\"multi\":true}]");
        sameAsSerial("\"g\",\"tags\"]]");
    }

    @Test
    void aFailingRowFailsAsInTheSerialLoop() {
        // id 5000 is in a later part; the serial loop's error (and its message) is the answer.
        String f = "[69,[[2,[1]],[65,[[17,[[170,[[10,[1]],\"id\"]],5000]],[12,[\"boom\"]],1]]]]";
        String parallel = catchMessage(() -> reql.run("[144,[" + TABLE + "," + f + "]]"));
        String serial = catchMessage(() -> reql.run("[144,[" + SERIAL + "," + f + "]]"));
        assertThat(parallel).isEqualTo(serial).isEqualTo("boom");
    }

    /** {@code query} with {@code SEQ} standing for the table gives the same answer as the serial read. */
    private void same(String query) {
        String parallel = reql.run(query.replace("SEQ", TABLE));
        String serial = reql.run(query.replace("SEQ", SERIAL));
        int at = 0;
        while (at < Math.min(parallel.length(), serial.length()) && parallel.charAt(at) == serial.charAt(at)) {
            at++;
        }
        // Answers are long: the message shows where they part.
        assertThat(parallel.length() == serial.length() && at == serial.length())
                .as("%s: parallel ...%s... serial ...%s...", query,
                        parallel.substring(Math.max(0, at - 200), Math.min(parallel.length(), at + 200)),
                        serial.substring(Math.max(0, at - 200), Math.min(serial.length(), at + 200)))
                .isTrue();
    }

    @Test
    void countsAndFiltersAsTheSerialLoopDoes() {
        same("[43,[[39,[SEQ,[69,[[2,[1]],[21,[[170,[[10,[1]],\"id\"]],777]]]]]]]]");
        same("[43,[SEQ,[69,[[2,[1]],[17,[[28,[[170,[[10,[1]],\"id\"]],3]],1]]]]]]");
        same("[43,[[170,[SEQ,\"g\"]]]]");
        if (Runtime.getRuntime().availableProcessors() > 1) {
            // The split really happened: the pool's threads took parts.
            assertThat(Thread.getAllStackTraces().keySet()).anyMatch(th -> th.getName().startsWith("reqldb-scan-"));
        }
    }

    @Test
    void sumsAndAveragesRoundAsTheSerialLoopDoes() {
        same("[145,[SEQ,\"x\"]]");
        same("[146,[SEQ,\"x\"]]");
        same("[145,[[170,[SEQ,\"x\"]]]]");
        same("[146,[SEQ,[69,[[2,[1]],[26,[[170,[[10,[1]],\"id\"]],0.37]]]]]]");
    }

    @Test
    void distinctAndOrderByAsTheSerialLoopDoes() {
        same("[42,[[170,[SEQ,\"g\"]]]]");
        same("[42,[[170,[SEQ,\"tags\"]]]]");
        // Many equal keys: ties keep the serial loop's order.
        same("[41,[SEQ,\"g\"]]");
        same("[41,[SEQ,[74,[\"g\"]],[69,[[2,[1]],[28,[[170,[[10,[1]],\"id\"]],5]]]]]]");
    }

    /**
     * {@code order_by(...).limit(n)} keeps only the first n rows while reading (OrderedLimit);
     * {@code slice(0, n)} of the same order takes the full sort: both answer alike.
     */
    @Test
    void theFirstRowsOfAnOrderAreTheFullSortsFirstRows() {
        String byIdMod5 = "[69,[[2,[1]],[28,[[170,[[10,[1]],\"id\"]],5]]]]";
        for (String keys : new String[] {"\"g\"", "[74,[\"g\"]]," + byIdMod5, "\"x\"", "[73,[\"tags\"]]"}) {
            for (int n : new int[] {0, 1, 20, 1000}) {
                assertThat(reql.run("[71,[[41,[" + TABLE + "," + keys + "]]," + n + "]]"))
                        .as("%s, %d", keys, n)
                        .isEqualTo(reql.run("[30,[[41,[" + TABLE + "," + keys + "]],0," + n + "]]"));
            }
        }
        String failing = "[69,[[2,[1]],[65,[[17,[[170,[[10,[1]],\"id\"]],12000]],[12,[\"boom\"]],1]]]]";
        assertThat(catchMessage(() -> reql.run("[71,[[41,[" + TABLE + "," + failing + "]],5]]")))
                .isEqualTo(catchMessage(() -> reql.run("[30,[[41,[" + TABLE + "," + failing + "]],0,5]]")))
                .isEqualTo("boom");
        String limited = "{\"array_limit\":1000}";
        assertThat(catchMessage(() -> reql.run("[71,[[41,[" + TABLE + ",\"g\"]],5]]", limited)))
                .isEqualTo(catchMessage(() -> reql.run("[30,[[41,[" + TABLE + ",\"g\"]],0,5]]", limited)))
                .startsWith("Array over size limit `1000`");
    }

    @Test
    void aFailingRowInALaterPartFailsAsInTheSerialLoop() {
        String f = "[69,[[2,[1]],[65,[[17,[[170,[[10,[1]],\"id\"]],12000]],[12,[\"boom\"]],1]]]]";
        for (String q : new String[] {"[43,[SEQ," + f + "]]", "[145,[SEQ," + f + "]]", "[41,[SEQ," + f + "]]"}) {
            String parallel = catchMessage(() -> reql.run(q.replace("SEQ", TABLE)));
            assertThat(parallel).isEqualTo(catchMessage(() -> reql.run(q.replace("SEQ", SERIAL)))).isEqualTo("boom");
        }
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e.getMessage();
        }
    }
}

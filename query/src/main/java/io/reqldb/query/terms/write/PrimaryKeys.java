package io.reqldb.query.terms.write;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.StringDatum;
import io.reqldb.query.error.ReqlQueryLogicError;
import io.reqldb.query.error.ReqlResourceLimitError;
import java.nio.charset.StandardCharsets;

/** RethinkDB's rules for primary key values and for documents about to be stored. */
public final class PrimaryKeys {
    /** RethinkDB's MAX_PRIMARY_KEY_SIZE: the key's internal encoding may be at most 128 bytes. */
    private static final int MAX_KEY_SIZE = 128;
    /** RethinkDB never writes arrays longer than this to disk, whatever the query's array_limit. */
    private static final int MAX_STORED_ARRAY = 100_000;

    private PrimaryKeys() {
    }

    /** Checks that a value can be a primary key: type and encoded size. */
    public static void check(Datum key) {
        int size = encodedSize(key);
        if (size > MAX_KEY_SIZE) {
            throw new ReqlQueryLogicError("Primary key too long (max " + (MAX_KEY_SIZE - 1) + " characters): "
                    + DatumPrinter.print(key));
        }
    }

    /** The length of RethinkDB's internal key string for the value (its print_primary). */
    private static int encodedSize(Datum d) {
        switch (d.type()) {
            case MINVAL, MAXVAL, BOOL:
                return 2;
            case NUMBER:
                return 18 + DatumJsonNumber.print(((NumberDatum) d).value()).length();
            case STRING: {
                String v = ((StringDatum) d).value();
                int nul = v.indexOf('\0');
                if (nul >= 0) {
                    String shown = v.length() > 20 ? v.substring(0, 20) : v;
                    throw new ReqlQueryLogicError("String \"" + shown.replace("\0", "\\x00") + "\" (truncated) "
                            + "contains NULL byte at offset " + v.substring(0, nul).getBytes(StandardCharsets.UTF_8).length
                            + " in index key.");
                }
                return 1 + v.getBytes(StandardCharsets.UTF_8).length;
            }
            case ARRAY: {
                int n = 1;
                for (Datum item : ((ArrayDatum) d).items()) {
                    n += encodedSize(item) + 1;
                }
                return n;
            }
            case BINARY:
                return 2 + ((io.reqldb.datum.BinaryDatum) d).length();
            case TIME, GEOMETRY:
                return 1 + io.reqldb.datum.DatumJson.write(d).length();
            default:
                throw new ReqlQueryLogicError("Primary keys must be either a number, string, bool, pseudotype "
                        + "or array (got type " + d.typeName() + "):\n" + DatumPrinter.truncated(d));
        }
    }

    /** Fails when a value to be stored holds r.minval or r.maxval anywhere. */
    public static void checkStorable(Datum d) {
        switch (d.type()) {
            case MINVAL, MAXVAL -> throw new ReqlQueryLogicError("`r.minval` and `r.maxval` cannot be written to disk.");
            case ARRAY -> {
                ArrayDatum a = (ArrayDatum) d;
                if (a.size() > MAX_STORED_ARRAY) {
                    throw new ReqlResourceLimitError("Array too large for disk writes (limit 100,000 elements).");
                }
                a.items().forEach(PrimaryKeys::checkStorable);
            }
            case OBJECT -> ((ObjectDatum) d).fields().values().forEach(PrimaryKeys::checkStorable);
            default -> {
            }
        }
    }

    /** Number printing as RethinkDB's key encoding uses it (shortest round-trip form). */
    private static final class DatumJsonNumber {
        static String print(double v) {
            return io.reqldb.datum.DatumJson.formatNumber(v);
        }
    }
}

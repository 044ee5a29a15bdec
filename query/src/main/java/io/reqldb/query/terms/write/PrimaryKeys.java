package io.reqldb.query.terms.write;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.BinaryDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumPrinter;
import io.reqldb.datum.DatumType;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.datum.ReconstructableDouble;
import io.reqldb.datum.StringDatum;
import io.reqldb.datum.TimeDatum;
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
        return switch (d.type()) {
            case NULL, OBJECT -> throw new ReqlQueryLogicError("Primary keys must be either a number, string, bool, "
                    + "pseudotype or array (got type " + d.typeName() + "):\n" + DatumPrinter.truncated(d));
            default -> keySize(d);
        };
    }

    /** The size of one value's part of the key, as RethinkDB's *_to_str_key functions write it. */
    private static int keySize(Datum d) {
        switch (d.type()) {
            case MINVAL, MAXVAL, BOOL:
                return 2;
            case NUMBER:
                return numberKeySize(((NumberDatum) d).value());
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
                    if (item.type() == DatumType.NULL || item.type() == DatumType.OBJECT) {
                        throw new ReqlQueryLogicError("Array keys can only contain numbers, strings, bools,  "
                                + "pseudotypes, or arrays (got " + DatumPrinter.print(item) + " of type "
                                + item.typeName() + ").");
                    }
                    n += keySize(item) + 1;
                }
                return n;
            }
            case BINARY: {
                // "PBINARY:" and the bytes, with 0x00 and 0x01 escaped to two bytes each.
                int n = 8;
                for (byte x : ((BinaryDatum) d).bytes()) {
                    n += x == 0 || x == 1 ? 2 : 1;
                }
                return n;
            }
            case TIME:
                return "PTIME:".length() + numberKeySize(((TimeDatum) d).epochSeconds());
            case GEOMETRY:
                throw new ReqlQueryLogicError("Cannot use a geometry value as a key value in a primary or "
                        + "non-geospatial secondary index.");
            default:
                throw new ReqlQueryLogicError("Primary keys must be either a number, string, bool, pseudotype "
                        + "or array (got type " + d.typeName() + "):\n" + DatumPrinter.truncated(d));
        }
    }

    /** "N", sixteen hex digits of the order-preserving bits, "#" and the value as C's %.20g. */
    private static int numberKeySize(double v) {
        return 18 + ReconstructableDouble.format(v == 0 ? 0.0 : v).length();
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
}

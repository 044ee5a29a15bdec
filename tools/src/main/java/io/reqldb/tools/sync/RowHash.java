package io.reqldb.tools.sync;

import static com.rethinkdb.RethinkDB.r;

import com.rethinkdb.gen.ast.ReqlExpr;
import com.rethinkdb.model.MapObject;
import com.rethinkdb.model.OptArgs;
import java.util.function.Function;

/**
 * A hash of a row computed by the server, with terms RethinkDB 2.4 has: the row's
 * {@code to_json_string()} (objects with their keys sorted, numbers in their shortest digits, so
 * equal rows give equal text on RethinkDB and ReqlDB), coerced to BINARY and written as JSON
 * again, which spells its UTF-8 bytes in base64: printable ASCII only, whatever the row holds.
 * That text is split into characters and folded into a polynomial hash modulo 2^31−1. ReQL has
 * no character-code term, so each character is looked up in a table of printable ASCII codes
 * bound once per query. Any difference between two rows is caught with probability 1 − 2^−31.
 */
final class RowHash {
    /** Keeps {@code h * 31 + code} below 2^36, exact in the servers' doubles. */
    static final long MODULUS = 2147483647L;
    /** Keeps the sum of two table hashes below 2^53. */
    static final long SUM_MODULUS = 1L << 52;
    private RowHash() {}

    /**
     * {@code r.expr(codes).do(codes -> body(hash))}: the code table bound once, {@code body}
     * given the function from a row to its hash.
     */
    static ReqlExpr withHash(Function<Function<ReqlExpr, ReqlExpr>, ReqlExpr> body) {
        return r.expr(codes()).do_(codes -> body.apply(row -> of(row, codes)));
    }

    private static ReqlExpr of(ReqlExpr row, ReqlExpr codes) {
        return row.toJsonString().coerceTo("binary").toJsonString().split("")
                .fold(0, (h, c) -> h.mul(31).add(codes.bracket(c)).mod(MODULUS));
    }

    /**
     * {@code options} with the {@code array_limit} raised: RethinkDB 2.4 holds {@code split}'s
     * answer to it, so under its default (100,000) a row whose JSON text is longer would fail
     * to hash.
     */
    static OptArgs allowLongRows(OptArgs options) {
        return options.with("array_limit", Integer.MAX_VALUE);
    }

    private static MapObject<Object, Object> codes() {
        MapObject<Object, Object> codes = r.hashMap();
        for (char c = ' '; c <= '~'; c++) {
            codes.with(String.valueOf(c), (int) c);
        }
        return codes;
    }
}

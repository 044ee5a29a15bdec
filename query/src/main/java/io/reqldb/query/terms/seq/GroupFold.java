package io.reqldb.query.terms.seq;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.NumberDatum;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiConsumer;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What {@code group} keeps of each group's rows while it meets them: the rows themselves, or,
 * when the group is reduced right away ({@code group(...).count()}), only the running reduction,
 * as RethinkDB reduces grouped streams: then no row is held, whatever the table's size.
 *
 * @param start     a new group's accumulator
 * @param add       adds a row to an accumulator
 * @param join      joins a later part's accumulator of the same group onto an earlier one's
 * @param result    the group's value in the answer
 * @param holdsRows whether accumulators hold rows (charged to the query's memory budget)
 */
record GroupFold<A>(Supplier<A> start, BiConsumer<A, Datum> add, BinaryOperator<A> join,
                    Function<A, Datum> result, boolean holdsRows) {

    static final GroupFold<List<Datum>> ROWS = new GroupFold<>(ArrayList::new, List::add,
            (earlier, later) -> {
                earlier.addAll(later);
                return earlier;
            }, ArrayDatum::wrap, true);

    static final GroupFold<long[]> COUNT = new GroupFold<>(() -> new long[1], (n, row) -> n[0]++,
            (earlier, later) -> {
                earlier[0] += later[0];
                return earlier;
            }, n -> NumberDatum.of(n[0]), false);
}

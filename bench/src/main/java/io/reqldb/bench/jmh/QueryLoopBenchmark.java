package io.reqldb.bench.jmh;

import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import io.reqldb.datum.ObjectDatum;
import io.reqldb.query.QueryResult;
import io.reqldb.query.RqlQueryEngine;
import io.reqldb.query.Session;
import io.reqldb.query.eval.StoreCatalog;
import io.reqldb.query.limits.QueryLimits;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The loops every query runs, with the checks that bound it (issue #10): a source polls the
 * query's cancellation flag every 256 elements, every function call reads it, and buffers charge
 * each element to the memory budget. Each query reads 10,000 elements, bound to its own control
 * as the server runs it: {@code count} (polls only), {@code filterCount} (a function call per
 * element), {@code toArrayCount} (an element charged to the budget each). Times are per query;
 * to see what the checks cost, compare with a build whose checks are stubbed out.
 *
 * <p>Run: {@code mvn -o -q package -DskipTests -pl bench -am && java -cp bench/target/reqldb-bench.jar
 * org.openjdk.jmh.Main QueryLoopBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class QueryLoopBenchmark {
    private final RqlQueryEngine engine = new RqlQueryEngine(null, new StoreCatalog(null));
    private final QueryLimits limits = QueryLimits.fromHeap();
    private final Session session = new Session("admin", 1);
    private Datum count;
    private Datum filterCount;
    private Datum toArrayCount;

    @Setup
    public void setUp() {
        count = DatumJson.parse("[43,[[173,[10000]]]]");
        filterCount = DatumJson.parse("[43,[[39,[[173,[10000]],[69,[[2,[1]],[17,[[28,[[10,[1]],2]],0]]]]]]]]");
        toArrayCount = DatumJson.parse("[43,[[51,[[173,[10000]],\"array\"]]]]");
    }

    private Datum run(Datum term) {
        var control = limits.open();
        try {
            return ((QueryResult.Atom) engine.start(term, ObjectDatum.EMPTY, session, control)).value();
        } finally {
            control.close();
        }
    }

    @Benchmark
    public Datum count() {
        return run(count);
    }

    @Benchmark
    public Datum filterCount() {
        return run(filterCount);
    }

    @Benchmark
    public Datum toArrayCount() {
        return run(toArrayCount);
    }
}

package io.reqldb.bench.jmh;

import io.reqldb.bench.OpCost;
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
 * What the server does with a restore-shaped insert batch before storage sees it: parsing the
 * query's JSON (500 documents of about 850 bytes, in {@code OpCost}'s wire form, arrays as
 * {@code [2, [...]]}), compiling it and evaluating the batch to one array of documents, here
 * {@code r.expr(batch).count()} ({@code parseCompileEvaluate}), and the same without the
 * parsing ({@code compileEvaluate}). Times are per batch of 500; compare with the server CPU per
 * inserted document that {@code OpCost --ops insert} prints.
 *
 * <p>Run: {@code mvn -o -q package -DskipTests -pl bench -am && java -cp bench/target/reqldb-bench.jar
 * org.openjdk.jmh.Main InsertBatchBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class InsertBatchBenchmark {
    private final RqlQueryEngine engine = new RqlQueryEngine(null, new StoreCatalog(null));
    private final QueryLimits limits = QueryLimits.fromHeap();
    private final Session session = new Session("admin", 1);
    private String query;
    private Datum parsed;

    @Setup
    public void setUp() {
        StringBuilder q = new StringBuilder("[43,[[2,[");
        for (int i = 0; i < 500; i++) {
            q.append(i == 0 ? "" : ",").append(OpCost.document(1_000_000 + i));
        }
        query = q.append("]]]]").toString();
        parsed = DatumJson.parse(query);
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
    public Datum parseCompileEvaluate() {
        return run(DatumJson.parse(query));
    }

    @Benchmark
    public Datum compileEvaluate() {
        return run(parsed);
    }
}

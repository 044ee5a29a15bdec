package io.reqldb.bench.jmh;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.PooledByteBufAllocator;
import io.reqldb.query.QuickQueries;
import io.reqldb.server.wire.Query;
import io.reqldb.server.wire.QueryFrame;
import io.reqldb.server.wire.QueryParser;
import io.reqldb.server.wire.Response;
import io.reqldb.server.wire.ResponseEncoder;
import java.nio.charset.StandardCharsets;
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
 * The pure steps every point get pays on the event loop, without network or storage: parsing its
 * frame ({@code parse}), deciding from the term's shape that it may run there ({@code isQuick}),
 * and encoding the answer, an 850-byte document, into a pooled buffer ({@code encodeAnswer}).
 * Times are per query; compare them with the server CPU per point get that {@code OpCost} prints
 * to see how much of it is everything else (system calls, hand-offs, the RocksDB read).
 *
 * <p>Run: {@code mvn -o -q package -DskipTests -pl bench -am && java -cp bench/target/reqldb-bench.jar
 * org.openjdk.jmh.Main QueryPathBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class QueryPathBenchmark {
    private QueryFrame frame;
    private Query query;
    private Response answer;

    @Setup
    public void setUp() {
        frame = new QueryFrame(7, "[1,[16,[[15,[[14,[\"bench\"]],\"docs\"]],12345]],{}]"
                .getBytes(StandardCharsets.UTF_8));
        query = QueryParser.parse(frame);
        answer = Response.atom(7, BenchDocuments.document(12345));
    }

    @Benchmark
    public Query parse() {
        return QueryParser.parse(frame);
    }

    @Benchmark
    public boolean isQuick() {
        return QuickQueries.isQuick(query.term(), query.optargs(), (db, table) -> "id");
    }

    @Benchmark
    public int encodeAnswer() {
        ByteBuf buf = ResponseEncoder.encode(PooledByteBufAllocator.DEFAULT, answer);
        int n = buf.readableBytes();
        buf.release();
        return n;
    }
}

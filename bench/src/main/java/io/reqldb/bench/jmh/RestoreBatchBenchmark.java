package io.reqldb.bench.jmh;

import io.reqldb.tools.format.JsonRowReader;
import io.reqldb.tools.format.WireRows;
import java.io.ByteArrayInputStream;
import java.io.IOException;
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
 * What {@code reqldb restore} does with one batch of an archive's rows before the driver sends
 * it: 200 rows of about 840 bytes (the documents {@code tools/compat/official-tools-speed}
 * restores, as the official dump writes them) read from a table's JSON and copied token by token
 * into the insert's UTF-8 text ({@link WireRows}). Time per batch of 200. {@code restore} runs
 * with the C1 compiler only (see bin/reqldb), so {@code -jvmArgsAppend -XX:TieredStopAtLevel=1}
 * gives the figure that matters for it.
 *
 * <p>Run: {@code mvn -o -q package -DskipTests -pl bench -am && java -cp bench/target/reqldb-bench.jar
 * org.openjdk.jmh.Main RestoreBatchBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RestoreBatchBenchmark {
    private static final int ROWS = 200;
    private byte[] table;

    @Setup
    public void setUp() {
        StringBuilder json = new StringBuilder("[");
        for (int i = 0; i < ROWS; i++) {
            json.append(i == 0 ? "\n" : ",\n").append("{\"active\": ").append(i % 2 == 0)
                    .append(", \"address\": {\"city\": \"Springfield\", \"zip\": \"12345\"}, \"age\": ").append(i % 90)
                    .append(", \"bio\": \"").append("lorem ipsum dolor sit amet ".repeat(26))
                    .append("\", \"id\": ").append(i).append(", \"name\": \"user ").append(i)
                    .append("\", \"score\": ").append(i * 1.5).append(", \"tags\": [\"a\", \"b\", \"c\"]}");
        }
        table = json.append("\n]").toString().getBytes(StandardCharsets.UTF_8);
    }

    @Benchmark
    public byte[] copyBatch() throws IOException {
        WireRows rows = new WireRows();
        try (JsonRowReader reader = new JsonRowReader(new ByteArrayInputStream(table), "bench.docs.json",
                JsonRowReader.DEFAULT_MAX_DOCUMENT_SIZE)) {
            while (reader.nextWire(rows, null)) {
                // every row into the one batch
            }
        }
        return rows.take();
    }
}

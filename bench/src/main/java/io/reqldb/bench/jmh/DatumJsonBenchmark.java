package io.reqldb.bench.jmh;

import com.fasterxml.jackson.core.JsonGenerator;
import io.reqldb.datum.Datum;
import io.reqldb.datum.DatumJson;
import java.io.ByteArrayOutputStream;
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
 * The datum JSON codec on the wire's hot paths: {@code parse} reads one 850-byte document from
 * UTF-8 bytes (what every inserted row costs when a query frame is parsed), {@code write} writes
 * it to a byte stream through a Jackson generator (what every row of a response costs, as
 * {@code ResponseEncoder} does), and {@code formatNumber} prints a non-integral number the way
 * RethinkDB does. Times are per document or per number.
 *
 * <p>Run: {@code mvn -o -q package -DskipTests -pl bench -am && java -cp bench/target/reqldb-bench.jar
 * org.openjdk.jmh.Main DatumJsonBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DatumJsonBenchmark {
    private Datum document;
    private byte[] json;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(2048);
    private double number;

    @Setup
    public void setUp() {
        document = BenchDocuments.document(12345);
        json = DatumJson.write(document).getBytes(StandardCharsets.UTF_8);
        number = 97.27;
    }

    @Benchmark
    public Datum parse() {
        return DatumJson.parse(json);
    }

    @Benchmark
    public int write() throws IOException {
        out.reset();
        try (JsonGenerator g = DatumJson.FACTORY.createGenerator(out)) {
            DatumJson.write(g, document);
        }
        return out.size();
    }

    @Benchmark
    public String formatNumber() {
        return DatumJson.formatNumber(number);
    }
}

package io.reqldb.bench.jmh;

import io.reqldb.datum.ArrayDatum;
import io.reqldb.datum.Datum;
import io.reqldb.datum.KeyEncoding;
import io.reqldb.datum.NumberDatum;
import io.reqldb.datum.StringDatum;
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
 * The order-preserving key encoding that every primary-key lookup and index entry goes through:
 * encoding a number key (point gets by integer id), a string key (e-mail-like), and a compound
 * array key (a compound index value), and decoding the number and compound keys back (index
 * values read from entry keys). Times are per key.
 *
 * <p>Run: {@code mvn -o -q package -DskipTests -pl bench -am && java -cp bench/target/reqldb-bench.jar
 * org.openjdk.jmh.Main KeyEncodingBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class KeyEncodingBenchmark {
    private Datum number;
    private Datum string;
    private Datum compound;
    private byte[] numberKey;
    private byte[] compoundKey;

    @Setup
    public void setUp() {
        number = NumberDatum.of(48_213);
        string = new StringDatum("user48213@example.com");
        compound = ArrayDatum.of(new StringDatum("City 13"), NumberDatum.of(48), NumberDatum.of(48_213));
        numberKey = KeyEncoding.encode(number);
        compoundKey = KeyEncoding.encode(compound);
    }

    @Benchmark
    public byte[] encodeNumber() {
        return KeyEncoding.encode(number);
    }

    @Benchmark
    public byte[] encodeString() {
        return KeyEncoding.encode(string);
    }

    @Benchmark
    public byte[] encodeCompound() {
        return KeyEncoding.encode(compound);
    }

    @Benchmark
    public Datum decodeNumber() {
        return KeyEncoding.decode(numberKey);
    }

    @Benchmark
    public Datum decodeCompound() {
        return KeyEncoding.decode(compoundKey);
    }
}

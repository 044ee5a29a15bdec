package io.reqldb.bench.jmh;

import io.reqldb.datum.ByteBuilder;
import io.reqldb.datum.Datum;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
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
 * The stored-document codec of the RocksDB engine: {@code encode} is what every written document
 * costs, {@code decode} what every document read costs (point gets, scans, index lookups, and
 * the old value of every write), {@code json} what writing a stored document's JSON for the
 * client costs (gets, pages, scans: straight from the record, never decoded). One 850-byte document of the load generator's shape; times are
 * per document.
 *
 * <p>The codec is package-private in {@code io.reqldb.storage.rocksdb}, so it is reached through
 * method handles held in static finals, which the JIT inlines like direct calls; the engine's
 * public surface stays as it is.
 *
 * <p>Run: {@code mvn -o -q package -DskipTests -pl bench -am && java -cp bench/target/reqldb-bench.jar
 * org.openjdk.jmh.Main DocumentCodecBenchmark}
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DocumentCodecBenchmark {
    private static final MethodHandle ENCODE;
    private static final MethodHandle DECODE;
    private static final MethodHandle JSON;

    static {
        try {
            Class<?> codec = Class.forName("io.reqldb.storage.rocksdb.DocumentCodec");
            MethodHandles.Lookup lookup = MethodHandles.privateLookupIn(codec, MethodHandles.lookup());
            ENCODE = lookup.findStatic(codec, "encode", MethodType.methodType(byte[].class, Datum.class));
            DECODE = lookup.findStatic(codec, "decode", MethodType.methodType(Datum.class, byte[].class));
            JSON = lookup.findStatic(Class.forName("io.reqldb.storage.rocksdb.DocumentJson"), "append",
                    MethodType.methodType(boolean.class, byte[].class, ByteBuilder.class));
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private Datum document;
    private byte[] stored;
    private final ByteBuilder text = new ByteBuilder(1024);

    @Setup
    public void setUp() throws Throwable {
        document = BenchDocuments.document(12345);
        stored = (byte[]) ENCODE.invokeExact(document);
    }

    @Benchmark
    public byte[] encode() throws Throwable {
        return (byte[]) ENCODE.invokeExact(document);
    }

    @Benchmark
    public int json() throws Throwable {
        boolean written = (boolean) JSON.invokeExact(stored, text.reset());
        return written ? text.length() : -1;
    }

    @Benchmark
    public Datum decode() throws Throwable {
        return (Datum) DECODE.invokeExact(stored);
    }
}

package io.reqldb.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.rethinkdb.RethinkDB;
import com.rethinkdb.net.Connection;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --cache-size} means what RethinkDB documents, {@code server_status} reports it, and the
 * JVM that serves is sized from it.
 */
class CacheSizeTest {
    private static final RethinkDB r = RethinkDB.r;
    private static final long GB = 1024L * 1024 * 1024;

    @TempDir
    Path tmp;

    @Test
    void default_isRethinkDbs_halfOfAvailableLessAGigabyte_atLeast100() {
        assertThat(CacheSize.defaultMegabytes(24 * GB)).isEqualTo(23 * 1024 / 2);
        assertThat(CacheSize.defaultMegabytes(GB + 300L * 1024 * 1024)).isEqualTo(150);
        assertThat(CacheSize.defaultMegabytes(GB)).isEqualTo(100);
        assertThat(CacheSize.defaultMegabytes(GB / 2)).isEqualTo(100);
    }

    @Test
    void option_isMegabytesOrAuto() {
        assertThat(CacheSize.megabytes("512")).isEqualTo(512);
        assertThat(CacheSize.megabytes("auto")).isGreaterThanOrEqualTo(100);
        assertThatThrownBy(() -> CacheSize.megabytes("lots")).hasMessage(
                "--cache-size should be a number of megabytes or 'auto', got 'lots'.");
        assertThatThrownBy(() -> CacheSize.megabytes("0")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void serverStatus_reportsTheGivenCacheSize() throws Exception {
        assertThat(reportedCacheMb("--cache-size", "123")).isEqualTo(123);
    }

    @Test
    void serverStatus_reportsTheDerivedDefault() throws Exception {
        long expected = CacheSize.defaultMegabytes(CacheSize.availableBytes());
        // Available memory moves a little between the two readings on a busy machine.
        assertThat((double) reportedCacheMb()).isCloseTo(expected, within(expected * 0.05 + 1));
    }

    @Test
    void heap_isTheDefaultCeiling_whateverTheCache() {
        assertThat(JvmSizing.heapMegabytes(0)).isEqualTo(JvmSizing.DEFAULT_HEAP_MB);
        assertThat(JvmSizing.flags(100, 0, List.of())).contains("-Xmx256m", "-XX:+UseG1GC", "-Dreqldb.cache.mb=100",
                "-XX:MaxRecursiveInlineLevel=0");
        assertThat(JvmSizing.flags(100_000, 0, List.of())).contains("-Xmx256m", "-Dreqldb.cache.mb=100000");
    }

    @Test
    void heap_growsForAQueryBudget_soTheBudgetIsHitBeforeTheHeapRunsOut() {
        assertThat(JvmSizing.heapMegabytes(50)).isEqualTo(JvmSizing.DEFAULT_HEAP_MB);
        assertThat(JvmSizing.heapMegabytes(1024)).isEqualTo(2560);
        assertThat(JvmSizing.flags(4096, 1024, List.of())).contains("-Xmx2560m");
    }

    @Test
    void allocatorSettings_areAdded_unlessAlreadySet() {
        assertThat(JvmSizing.environment(Map.of())).containsEntry("MALLOC_ARENA_MAX", "2")
                .containsEntry("MALLOC_MMAP_THRESHOLD_", "131072").containsEntry("MALLOC_TRIM_THRESHOLD_", "131072");
        assertThat(JvmSizing.environment(Map.of("MALLOC_ARENA_MAX", "4"))).doesNotContainKey("MALLOC_ARENA_MAX")
                .containsKey("MALLOC_MMAP_THRESHOLD_");
    }

    @Test
    void jvmOptionsTheUserGave_win() {
        List<String> flags = JvmSizing.flags(4096, 0, List.of("-Xmx3g", "-XX:+UseSerialGC", "-XX:MaxRecursiveInlineLevel=1"));
        assertThat(flags).noneMatch(f -> f.startsWith("-Xm") || f.contains("G1") || f.contains("Inline"));
        assertThat(flags).contains("-Dreqldb.cache.mb=4096");
        assertThat(JvmSizing.flags(4096, 0, List.of("-Dio.netty.allocator.numDirectArenas=8")))
                .noneMatch(f -> f.contains("numDirectArenas"));
    }

    private long reportedCacheMb(String... flags) throws Exception {
        String[] args = new String[flags.length + 4];
        System.arraycopy(new String[] {"--directory", tmp.resolve("data").toString(), "--driver-port", "0"}, 0, args, 0, 4);
        System.arraycopy(flags, 0, args, 4, flags.length);
        ServeHarness h = new ServeHarness();
        try (ServeCommand.Running s = h.start(args)) {
            assertThat(s).as(h.err()).isNotNull();
            try (Connection c = r.connection().hostname("127.0.0.1").port(s.server().port()).connect()) {
                Map<?, ?> status = (Map<?, ?>) r.db("rethinkdb").table("server_status").nth(0).run(c).single();
                return ((Number) ((Map<?, ?>) status.get("process")).get("cache_size_mb")).longValue();
            }
        }
    }
}

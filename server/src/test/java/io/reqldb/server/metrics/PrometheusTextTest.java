package io.reqldb.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The text exposition format's lines: HELP and TYPE, whole numbers as integers, label values escaped. */
class PrometheusTextTest {
    @Test
    void familiesAndSamples() {
        String text = new PrometheusText()
                .family("reqldb_x_total", "counter", "Things \\ counted.\nTwice.")
                .sample("reqldb_x_total", 42)
                .sample("reqldb_x_total", 0.25, "db", "a\"b\\c\nd", "table", "t")
                .toString();
        assertThat(text).isEqualTo("""
                # HELP reqldb_x_total Things \\\\ counted.\\nTwice.
                # TYPE reqldb_x_total counter
                reqldb_x_total 42
                reqldb_x_total{db="a\\"b\\\\c\\nd",table="t"} 0.25
                """);
    }
}

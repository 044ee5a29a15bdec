package io.reqldb.server.metrics;

import java.util.Locale;

/** Writes Prometheus' text exposition format (version 0.0.4): families with HELP and TYPE, then their samples. */
final class PrometheusText {
    private final StringBuilder out = new StringBuilder();

    /** Starts a family: {@code type} is counter, gauge or histogram. */
    PrometheusText family(String name, String type, String help) {
        out.append("# HELP ").append(name).append(' ').append(help.replace("\\", "\\\\").replace("\n", "\\n"))
                .append('\n').append("# TYPE ").append(name).append(' ').append(type).append('\n');
        return this;
    }

    /** A gauge family with its one unlabelled sample. */
    PrometheusText gauge(String name, String help, double value) {
        return family(name, "gauge", help).sample(name, value);
    }

    /** A counter family with its one unlabelled sample. */
    PrometheusText counter(String name, String help, double value) {
        return family(name, "counter", help).sample(name, value);
    }

    /** A sample without labels. */
    PrometheusText sample(String name, double value) {
        out.append(name).append(' ').append(number(value)).append('\n');
        return this;
    }

    /** A sample with labels, given as alternating names and values. */
    PrometheusText sample(String name, double value, String... labels) {
        out.append(name).append('{');
        for (int i = 0; i < labels.length; i += 2) {
            out.append(i == 0 ? "" : ",").append(labels[i]).append("=\"").append(escaped(labels[i + 1])).append('"');
        }
        out.append("} ").append(number(value)).append('\n');
        return this;
    }

    @Override
    public String toString() {
        return out.toString();
    }

    private static String escaped(String labelValue) {
        return labelValue.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /** Whole numbers without a fraction, others as Go's ParseFloat reads them. */
    private static String number(double v) {
        if (v == Math.rint(v) && Math.abs(v) < 1e15) {
            return Long.toString((long) v);
        }
        return String.format(Locale.ROOT, "%s", v);
    }
}

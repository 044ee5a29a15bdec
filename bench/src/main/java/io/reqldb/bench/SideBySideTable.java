package io.reqldb.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@link OpCost}'s measurements of several servers as one Markdown table: per operation and
 * server, the range over the rounds of the CPU per operation (or document) and of the throughput,
 * then how many times the first server's median CPU figure each other server's is.
 */
final class SideBySideTable {
    private final List<String> servers;
    /** Operation name, then server, then that server's measurements in round order. */
    private final Map<String, Map<String, List<OpCost.Measurement>>> rows = new LinkedHashMap<>();

    SideBySideTable(List<String> servers) {
        this.servers = servers;
    }

    /** Operation name, then server, then the error of the round that failed. */
    private final Map<String, Map<String, String>> failures = new LinkedHashMap<>();

    void add(String server, OpCost.Measurement m) {
        rows.computeIfAbsent(m.name(), k -> new LinkedHashMap<>()).computeIfAbsent(server, k -> new ArrayList<>()).add(m);
    }

    void failed(String server, String operation, String error) {
        rows.computeIfAbsent(operation, k -> new LinkedHashMap<>());
        failures.computeIfAbsent(operation, k -> new LinkedHashMap<>()).put(server, error);
    }

    void print(PrintStream out) {
        StringBuilder head = new StringBuilder("| operation |");
        StringBuilder rule = new StringBuilder("|---|");
        for (String s : servers) {
            head.append(" ").append(s).append(" server CPU |");
            rule.append("---|");
        }
        for (int i = 1; i < servers.size(); i++) {
            head.append(" ").append(servers.get(0)).append(" / ").append(servers.get(i)).append(" |");
            rule.append("---|");
        }
        for (String s : servers) {
            head.append(" ").append(s).append(" throughput |");
            rule.append("---|");
        }
        out.println(head);
        out.println(rule);
        for (Map.Entry<String, Map<String, List<OpCost.Measurement>>> row : rows.entrySet()) {
            StringBuilder line = new StringBuilder("| ").append(row.getKey()).append(" |");
            for (String s : servers) {
                line.append(" ").append(range(row.getValue().get(s), true)).append(" |");
            }
            double first = median(row.getValue().get(servers.get(0)));
            for (int i = 1; i < servers.size(); i++) {
                double other = median(row.getValue().get(servers.get(i)));
                line.append(Double.isNaN(first) || Double.isNaN(other) ? " – |" : String.format(" %.1f× |", first / other));
            }
            for (String s : servers) {
                line.append(" ").append(range(row.getValue().get(s), false)).append(" |");
            }
            out.println(line);
        }
        failures.forEach((operation, errors) -> errors.forEach((server, error) ->
                out.println("- " + operation + " failed on " + server + ": " + error)));
    }

    /** "lowest–highest unit" of the CPU figures (µs/op or µs/doc) or of the throughputs (/s). */
    private static String range(List<OpCost.Measurement> runs, boolean cpu) {
        if (runs == null || runs.isEmpty() || (cpu && Double.isNaN(runs.get(0).cpuMicros()))) {
            return "–";
        }
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (OpCost.Measurement m : runs) {
            double v = cpu ? m.cpuMicros() : m.throughput();
            lo = Math.min(lo, v);
            hi = Math.max(hi, v);
        }
        String unit = runs.get(0).unit();
        return cpu ? String.format("%s µs/%s", between(lo, hi, "%.1f"), unit)
                : String.format("%s %s/s", between(lo, hi, "%,.0f"), unit);
    }

    private static String between(double lo, double hi, String format) {
        String a = String.format(format, lo);
        String b = String.format(format, hi);
        return a.equals(b) ? a : a + "–" + b;
    }

    private static double median(List<OpCost.Measurement> runs) {
        if (runs == null || runs.isEmpty()) {
            return Double.NaN;
        }
        double[] v = runs.stream().mapToDouble(OpCost.Measurement::cpuMicros).sorted().toArray();
        return v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
    }
}

package dev.meshmq.bench;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Prints results as a human table or as CSV lines {@code bench,impl,transport,procs,size,metric,value};
 * when both implementations ran, adds {@code bench,ratio,...} lines with meshmq/jeromq per metric, and
 * when the NIO baseline ran (connect-rate), {@code bench,ratio_nio,...} lines with meshmq/nio.
 * A ratio above 1 means MeshMQ is ahead for rates and behind for latencies.
 *
 * <p>Thread-safety: stateless.
 */
final class ResultPrinter {

    private ResultPrinter() {
    }

    static void printCsv(List<Result> results, PrintStream out) {
        for (Result result : results) {
            for (Map.Entry<String, Double> metric : result.metrics.entrySet()) {
                out.println(result.key(result.impl) + "," + metric.getKey() + "," + format(metric.getValue()));
            }
        }
        for (String[] ratio : ratios(results)) {
            out.println(ratio[0] + "," + ratio[1] + "," + ratio[2]);
        }
    }

    static void printTable(List<Result> results, PrintStream out) {
        String header = String.format(Locale.ROOT, "%-12s %-7s %-9s %5s %8s  %-24s %s",
                "bench", "impl", "transport", "procs", "size", "metrics", "detail");
        out.println(header);
        for (Result result : results) {
            StringBuilder metrics = new StringBuilder();
            for (Map.Entry<String, Double> metric : result.metrics.entrySet()) {
                metrics.append(metric.getKey()).append('=').append(format(metric.getValue())).append(' ');
            }
            out.println(String.format(Locale.ROOT, "%-12s %-7s %-9s %5d %8d  %s  %s", result.bench, result.impl,
                    result.transport.label(), result.procs, result.size, metrics.toString().trim(), result.detail));
        }
        for (String[] ratio : ratios(results)) {
            String[] key = ratio[0].split(",", 3);
            String baseline = "ratio".equals(key[1]) ? "jeromq" : key[1].substring("ratio_".length());
            out.println("ratio meshmq/" + baseline + " " + key[0] + "," + key[2] + " " + ratio[1] + ": "
                    + format(Double.parseDouble(ratio[2])));
        }
    }

    /**
     * Returns {key, metric, value} for every metric MeshMQ and a baseline (JeroMQ: column {@code ratio};
     * NIO: {@code ratio_nio}) reported with the same key.
     */
    private static List<String[]> ratios(List<Result> results) {
        List<String[]> ratios = new ArrayList<>();
        for (Result mesh : results) {
            if (!"meshmq".equals(mesh.impl)) {
                continue;
            }
            for (Result base : results) {
                String column = "jeromq".equals(base.impl) ? "ratio" : "ratio_" + base.impl;
                if (!List.of("jeromq", BenchOptions.NIO).contains(base.impl)
                        || !base.key(column).equals(mesh.key(column))) {
                    continue;
                }
                for (Map.Entry<String, Double> metric : mesh.metrics.entrySet()) {
                    Double baseline = base.metrics.get(metric.getKey());
                    if (baseline != null && baseline > 0) {
                        ratios.add(new String[] {mesh.key(column), metric.getKey(),
                                format(metric.getValue() / baseline)});
                    }
                }
            }
        }
        return ratios;
    }

    static String format(double value) {
        if (Math.abs(value) >= 1000) {
            return String.format(Locale.ROOT, "%.0f", value);
        }
        return String.format(Locale.ROOT, "%.3f", value);
    }
}

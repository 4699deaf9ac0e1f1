package dev.meshmq.bench;

import java.util.List;

/**
 * One standard case of {@code meshmq-bench report}: the bench command line that runs it (without
 * timing and library flags), the metrics its table rows and charts show, and its CPU-per-message metric.
 *
 * <p>Thread-safety: immutable.
 */
final class ReportCase {

    /** Which rate chart or latency chart a case's metrics go to. */
    enum Chart {
        THROUGHPUT,
        LATENCY
    }

    final String label;
    final String shortLabel;
    final Chart chart;
    final List<String> args;
    /** {metric key, unit label} per table row; the first is the case's headline. */
    final List<String[]> metrics;
    final String cpuMetric;
    final String cpuUnit;

    private ReportCase(String label, String shortLabel, Chart chart, List<String> args, List<String[]> metrics,
            String cpuMetric, String cpuUnit) {
        this.label = label;
        this.shortLabel = shortLabel;
        this.chart = chart;
        this.args = args;
        this.metrics = metrics;
        this.cpuMetric = cpuMetric;
        this.cpuUnit = cpuUnit;
    }

    /**
     * Returns the standard cases, in report order.
     *
     * @return the cases
     */
    static List<ReportCase> standard() {
        return List.of(
                throughput("tcp", 2, 64, "msgs_per_s", "msgs/s"),
                throughput("tcp", 2, 1024, "msgs_per_s", "msgs/s"),
                throughput("tcp", 2, 65536, "mb_per_s", "MB/s"),
                throughput("inproc", 1, 64, "msgs_per_s", "msgs/s"),
                latency("tcp", 2),
                latency("inproc", 1),
                new ReportCase("fanout PUB -> 4 SUB tcp 64 B", "fanout 4 SUB 64 B|msgs/s", Chart.THROUGHPUT,
                        List.of(BenchOptions.FANOUT, "--subs", "4", "--size", "64"),
                        List.<String[]>of(new String[] {"delivered_per_s", "msgs/s (all SUBs)"}),
                        ThroughputBench.CPU_METRIC, "ns/msg"));
    }

    private static ReportCase throughput(String transport, int procs, int size, String metric, String unit) {
        String sizeLabel = size >= 1024 ? size / 1024 + " KiB" : size + " B";
        return new ReportCase("throughput " + transport + " " + procs + " proc" + (procs == 1 ? "" : "s") + " "
                + sizeLabel, transport + (procs == 2 ? " 2 procs " : " ") + sizeLabel + "|" + unit, Chart.THROUGHPUT,
                List.of(BenchOptions.THROUGHPUT, "--transport", transport, "--procs", Integer.toString(procs),
                        "--size", Integer.toString(size)),
                List.<String[]>of(new String[] {metric, unit}), ThroughputBench.CPU_METRIC, "ns/msg");
    }

    private static ReportCase latency(String transport, int procs) {
        return new ReportCase("latency REQ/REP " + transport + " " + procs + " proc" + (procs == 1 ? "" : "s")
                + " 1 B", transport + (procs == 2 ? " 2 procs" : "") + " 1 B", Chart.LATENCY,
                List.of(BenchOptions.LATENCY, "--transport", transport, "--procs", Integer.toString(procs),
                        "--size", "1"),
                List.of(new String[] {"p50_us", "p50 µs"}, new String[] {"p99_us", "p99 µs"}),
                LatencyBench.CPU_METRIC, "µs/round trip");
    }

    /**
     * Returns this case's bench command line for one library and one timing.
     *
     * @param impl "meshmq" or "jeromq"
     * @param timing the timing and spin flags shared by every case
     * @return the arguments
     */
    List<String> commandLine(String impl, List<String> timing) {
        List<String> line = new java.util.ArrayList<>(args);
        line.add("--impl");
        line.add(impl);
        line.addAll(timing);
        return line;
    }
}

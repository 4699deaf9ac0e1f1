package dev.meshmq.bench;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes what {@link ReportCommand} measured: {@code report.md} (caption with the machine state, one
 * table row per case and metric with both libraries, their ratio and CPU per message, and the charts
 * embedded), {@code results.csv} (the medians in the bench's CSV form, machine state as a comment line)
 * and three SVG charts: {@code throughput.svg}, {@code latency.svg} and {@code cpu.svg}.
 *
 * <p>Thread-safety: not thread-safe; one writer per report.
 */
final class ReportWriter {

    static final String MARKDOWN = "report.md";
    static final String CSV = "results.csv";
    static final String THROUGHPUT_SVG = "throughput.svg";
    static final String LATENCY_SVG = "latency.svg";
    static final String CPU_SVG = "cpu.svg";
    private static final String MISSING = "failed";

    private final MachineState start;
    private final MachineState end;
    private final String runDescription;
    private final Map<ReportCase, Map<String, Result>> medians;
    private final List<String> problems;

    ReportWriter(MachineState start, MachineState end, String runDescription,
            Map<ReportCase, Map<String, Result>> medians, List<String> problems) {
        this.problems = problems;
        this.start = start;
        this.end = end;
        this.runDescription = runDescription;
        this.medians = medians;
    }

    /**
     * Writes every file into {@code dir}.
     *
     * @param dir an existing directory
     * @return the files written
     * @throws IOException if a file cannot be written
     */
    List<Path> writeAll(Path dir) throws IOException {
        List<Path> files = new ArrayList<>();
        files.add(write(dir.resolve(MARKDOWN), markdown()));
        files.add(write(dir.resolve(CSV), csv()));
        files.add(write(dir.resolve(THROUGHPUT_SVG), chart("Throughput (higher is better)",
                ReportCase.Chart.THROUGHPUT).render()));
        files.add(write(dir.resolve(LATENCY_SVG), chart("REQ/REP latency, p50 and p99 (lower is better)",
                ReportCase.Chart.LATENCY).render()));
        files.add(write(dir.resolve(CPU_SVG), cpuChart().render()));
        return files;
    }

    private static Path write(Path file, String text) throws IOException {
        return Files.writeString(file, text, StandardCharsets.UTF_8);
    }

    List<String> caption() {
        List<String> caption = new ArrayList<>(List.of("Machine: " + start.describe() + ".",
                "Load average at the end: " + end.load() + ". " + runDescription + ".",
                "Each group has its own scale; the numbers on the bars are the values."));
        if (start.busy() || end.busy()) {
            caption.add("BUSY MACHINE: the load average reached the number of cores, so other work competed "
                    + "with these runs.");
        }
        return caption;
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("# MeshMQ and JeroMQ side by side\n\n");
        for (String line : caption()) {
            md.append(line).append("  \n");
        }
        md.append("Ratios are MeshMQ/JeroMQ: above 1 means MeshMQ is ahead for rates and behind for latencies "
                + "and CPU. CPU per message is the process CPU time of every process of a run, each over its own "
                + "timed window and divided by its own count, summed.\n\n");
        md.append("| case | metric | MeshMQ | JeroMQ | ratio | CPU MeshMQ | CPU JeroMQ | CPU ratio |\n");
        md.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        for (Map.Entry<ReportCase, Map<String, Result>> entry : medians.entrySet()) {
            ReportCase reportCase = entry.getKey();
            Result mesh = entry.getValue().get("meshmq");
            Result jero = entry.getValue().get("jeromq");
            for (int row = 0; row < reportCase.metrics.size(); row++) {
                String[] metric = reportCase.metrics.get(row);
                md.append("| ").append(reportCase.label).append(" | ").append(metric[1]).append(" | ")
                        .append(cell(mesh, metric[0])).append(" | ").append(cell(jero, metric[0])).append(" | ")
                        .append(ratio(mesh, jero, metric[0])).append(" | ");
                if (row == 0) {
                    md.append(cpuCell(mesh, reportCase)).append(" | ").append(cpuCell(jero, reportCase))
                            .append(" | ").append(ratio(mesh, jero, reportCase.cpuMetric)).append(" |\n");
                } else {
                    md.append("(same runs) | | |\n");
                }
            }
        }
        if (!problems.isEmpty()) {
            md.append("\nFailed attempts (a failed run is tried once more; a median leaves out what failed):\n\n");
            problems.forEach(problem -> md.append("- ").append(problem.replace('\n', ' ')).append('\n'));
        }
        md.append("\n![Throughput](").append(THROUGHPUT_SVG).append(")\n\n![Latency](").append(LATENCY_SVG)
                .append(")\n\n![CPU per message](").append(CPU_SVG).append(")\n");
        return md.toString();
    }

    private String csv() {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        try (PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8)) {
            out.println(start.csvComment());
            List<Result> all = new ArrayList<>();
            medians.values().forEach(perImpl -> all.addAll(perImpl.values()));
            ResultPrinter.printCsv(all, out);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }

    private SvgBarChart chart(String title, ReportCase.Chart kind) {
        SvgBarChart chart = new SvgBarChart(title, caption());
        medians.forEach((reportCase, perImpl) -> {
            if (reportCase.chart != kind) {
                return;
            }
            for (String[] metric : reportCase.metrics) {
                String label = kind == ReportCase.Chart.LATENCY
                        ? reportCase.shortLabel + "|" + metric[1]
                        : reportCase.shortLabel;
                chart.group(label, value(perImpl.get("meshmq"), metric[0]), value(perImpl.get("jeromq"), metric[0]));
            }
        });
        return chart;
    }

    private SvgBarChart cpuChart() {
        SvgBarChart chart = new SvgBarChart("CPU per message, all processes (lower is better)", caption());
        medians.forEach((reportCase, perImpl) -> chart.group(
                reportCase.shortLabel.split("\\|")[0] + "|" + reportCase.cpuUnit,
                value(perImpl.get("meshmq"), reportCase.cpuMetric),
                value(perImpl.get("jeromq"), reportCase.cpuMetric)));
        return chart;
    }

    private static double value(Result result, String metric) {
        Double value = result == null ? null : result.metrics.get(metric);
        return value == null ? Double.NaN : value;
    }

    private static String cell(Result result, String metric) {
        double value = value(result, metric);
        return Double.isNaN(value) ? MISSING : SvgBarChart.human(value);
    }

    /** CPU figures in plain digits (no k/M), with their unit. */
    private static String cpuCell(Result result, ReportCase reportCase) {
        double value = value(result, reportCase.cpuMetric);
        if (Double.isNaN(value)) {
            return MISSING;
        }
        String digits = value >= 100 ? String.format(Locale.ROOT, "%.0f", value) : SvgBarChart.human(value);
        return digits + " " + reportCase.cpuUnit;
    }

    private static String ratio(Result mesh, Result jero, String metric) {
        double a = value(mesh, metric);
        double b = value(jero, metric);
        return Double.isNaN(a) || Double.isNaN(b) || b <= 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", a / b);
    }
}

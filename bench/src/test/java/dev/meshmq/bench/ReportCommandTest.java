package dev.meshmq.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/** {@code report --quick} end to end: every file is written and parses, the table has every case. */
class ReportCommandTest {

    @TempDir
    Path dir;

    @Test
    void quickReportWritesATableWithEveryCaseParseableCsvAndWellFormedCharts() throws Exception {
        Path out = dir.resolve("nested/report");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"report", "--out", out.toString(), "--quick"},
                print(new ByteArrayOutputStream()), print(err));
        String progress = err.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, progress);
        int runs = ReportCase.standard().size() * 2;
        assertTrue(progress.contains("[1/" + runs + "] throughput tcp 2 procs 64 B "), progress);
        assertTrue(progress.contains("[" + runs + "/" + runs + "] fanout "), progress);
        assertTrue(progress.contains("round 1/1 ..."), progress);

        String markdown = Files.readString(out.resolve(ReportWriter.MARKDOWN), StandardCharsets.UTF_8);
        assertTrue(markdown.contains("2 cores") || markdown.contains(" cores, load average "), markdown);
        assertTrue(markdown.contains("background load 0 busy threads"), markdown);
        Matcher state = Pattern.compile("(\\d+) cores, load average ([0-9.]+) \\(1 min, at start\\).*"
                + "Load average at the end: ([0-9.]+)\\.", Pattern.DOTALL).matcher(markdown);
        assertTrue(state.find(), markdown);
        int cores = Integer.parseInt(state.group(1));
        boolean busy = Double.parseDouble(state.group(2)) >= cores || Double.parseDouble(state.group(3)) >= cores;
        assertEquals(busy, markdown.contains("BUSY MACHINE"), "a loaded machine is flagged: " + markdown);
        for (ReportCase reportCase : ReportCase.standard()) {
            List<String> rows = markdown.lines().filter(line -> line.startsWith("| " + reportCase.label + " |"))
                    .toList();
            assertEquals(reportCase.metrics.size(), rows.size(), reportCase.label + " in\n" + markdown);
            String[] cells = rows.get(0).split("\\|");
            assertEquals(9, cells.length, rows.get(0));
            for (int i = 3; i <= 8; i++) {
                assertFalse(cells[i].isBlank() || cells[i].contains("failed") || cells[i].contains("n/a"),
                        "cell " + i + " of " + rows.get(0));
            }
        }
        for (String chart : List.of(ReportWriter.THROUGHPUT_SVG, ReportWriter.LATENCY_SVG, ReportWriter.CPU_SVG)) {
            assertTrue(markdown.contains("](" + chart + ")"), chart + " embedded");
            Document svg = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                    .parse(out.resolve(chart).toFile());
            assertEquals("svg", svg.getDocumentElement().getTagName(), chart);
            assertTrue(svg.getElementsByTagName("rect").getLength() >= 2 + 2 + 4, chart + " has bars");
            String text = svg.getDocumentElement().getTextContent();
            assertTrue(text.contains("MeshMQ") && text.contains("JeroMQ") && text.contains("cores,"), text);
        }
        List<String> csv = Files.readAllLines(out.resolve(ReportWriter.CSV), StandardCharsets.UTF_8);
        assertTrue(csv.get(0).startsWith("# machine: "), csv.get(0));
        for (String line : csv.subList(1, csv.size())) {
            String[] fields = line.split(",");
            assertEquals(7, fields.length, line);
            Double.parseDouble(fields[6]);
        }
        assertTrue(csv.stream().anyMatch(line -> line.startsWith("latency,ratio,tcp,2,1,cpu_us_per_round_trip,")),
                String.join("\n", csv));
    }

    @Test
    void chartsEscapeTextAndMarkFailedRuns() throws Exception {
        String svg = new SvgBarChart("a <b> & \"c\"", List.of("caption & more"))
                .group("x|y", 3.0, Double.NaN)
                .group("<z>", 0.0, 5e6)
                .render();
        Path file = dir.resolve("chart.svg");
        Files.writeString(file, svg, StandardCharsets.UTF_8);
        Document parsed = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
        String text = parsed.getDocumentElement().getTextContent();
        assertTrue(text.contains("a <b> & \"c\"") && text.contains("<z>") && text.contains("failed"), text);
        assertTrue(text.contains("5.00 M"), text);
    }

    @Test
    void captionLinesWrapAtSpaces() {
        List<String> wrapped = SvgBarChart.wrap(List.of("aaa bbb ccc ddd", "e"), 8);
        assertEquals(List.of("aaa bbb", "ccc ddd", "e"), wrapped);
    }

    @Test
    void backgroundLoadRunsBusyThreadsInAChildJvmUntilClosed() throws IOException {
        ProcessHandle child;
        try (BackgroundLoad load = BackgroundLoad.start(1)) {
            child = ProcessHandle.of(load.pid()).orElseThrow();
            long cpuBefore = cpuMillis(child);
            org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30))
                    .until(() -> cpuMillis(child) - cpuBefore >= 200);
        }
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(15)).until(() -> !child.isAlive());
    }

    private static long cpuMillis(ProcessHandle process) {
        return process.info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(0L);
    }

    private static PrintStream print(ByteArrayOutputStream buffer) {
        return new PrintStream(buffer, true, StandardCharsets.UTF_8);
    }
}

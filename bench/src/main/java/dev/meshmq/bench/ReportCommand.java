package dev.meshmq.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code meshmq-bench report --out DIR [--rounds N] [--quick] [--spin-us N] [--background-load N]}: runs
 * the standard cases ({@link ReportCase#standard()}) for both libraries, round after round (each case
 * runs both libraries back to back, the order alternating), then writes {@code DIR/report.md} (a table
 * with the median of the rounds), {@code DIR/results.csv} and SVG charts ({@link ReportWriter}).
 * Progress goes to stderr, one line per run. A failed run is tried once more, and every failed attempt
 * is listed in the report. {@code --quick}: short runs and one round, to check
 * that the whole path works, not to measure.
 *
 * <p>Thread-safety: a program step; runs on the calling thread (the runs start threads of their own).
 */
final class ReportCommand {

    static final List<String> IMPLS = List.of("meshmq", "jeromq");
    private static final int DEFAULT_ROUNDS = 3;
    /**
     * Tries per run: a failed run (a hang the watchdog ended, for example JeroMQ 0.6.0's rare connection
     * that never starts its handshake) is run once more; both attempts are listed in the report.
     */
    private static final int ATTEMPTS = 2;

    private ReportCommand() {
    }

    /**
     * Runs the report.
     *
     * @param options the parsed command line ({@code report})
     * @param err where progress and failures go
     * @return 0 when every run worked and the files are written, 1 otherwise
     */
    static int run(BenchOptions options, PrintStream err) {
        int rounds = options.has("--rounds") ? options.rounds : options.quick ? 1 : DEFAULT_ROUNDS;
        List<String> timing = timing(options);
        List<ReportCase> cases = ReportCase.standard();
        MachineState machine = MachineState.now(options);
        if (options.spinUs != BenchOptions.DEFAULT_SPIN) {
            err.println(Main.spinNote(options.spinUs));
        }
        if (machine.busy()) {
            err.println("report: warning: load average " + machine.load() + " on " + machine.cores
                    + " cores: the machine is busy, the figures will say more about it than about the libraries");
        }
        Map<ReportCase, Map<String, List<Result>>> results = new LinkedHashMap<>();
        for (ReportCase reportCase : cases) {
            Map<String, List<Result>> perImpl = new LinkedHashMap<>();
            IMPLS.forEach(impl -> perImpl.put(impl, new ArrayList<>()));
            results.put(reportCase, perImpl);
        }
        List<String> problems = new ArrayList<>();
        int failures;
        try (BackgroundLoad load = BackgroundLoad.start(options.backgroundLoad)) {
            if (load.pid() > 0) {
                err.println("report: background load: " + options.backgroundLoad + " busy threads in JVM pid "
                        + load.pid());
            }
            failures = runAll(cases, rounds, timing, results, problems, err);
        } catch (BenchFailure e) {
            err.println("meshmq-bench report: " + e.getMessage());
            return 1;
        }
        Map<ReportCase, Map<String, Result>> medians = new LinkedHashMap<>();
        results.forEach((reportCase, perImpl) -> {
            Map<String, Result> median = new LinkedHashMap<>();
            perImpl.forEach((impl, list) -> {
                if (!list.isEmpty()) {
                    median.put(impl, Main.median(list));
                }
            });
            medians.put(reportCase, median);
        });
        String runDescription = "Median of " + rounds + " round" + (rounds == 1 ? "" : "s") + ", "
                + String.join(" ", timing) + (options.quick ? " (--quick: a check of the tool, not a measurement)"
                : "");
        try {
            Path dir = Path.of(options.outDir);
            Files.createDirectories(dir);
            List<Path> written = new ReportWriter(machine, MachineState.now(options), runDescription, medians,
                    problems)
                    .writeAll(dir);
            for (Path file : written) {
                err.println("report: wrote " + file);
            }
        } catch (IOException | RuntimeException e) {
            err.println("meshmq-bench report: cannot write the report to " + options.outDir + ": " + e);
            return 1;
        }
        return failures == 0 ? 0 : 1;
    }

    private static List<String> timing(BenchOptions options) {
        List<String> timing = new ArrayList<>(options.quick
                ? List.of("--seconds", "0.3", "--warmup", "0.2", "--min-round-trips", "2000")
                : List.of("--seconds", "2", "--warmup", "1", "--min-round-trips", "20000"));
        if (options.spinUs != BenchOptions.DEFAULT_SPIN) {
            timing.add("--spin-us");
            timing.add(Integer.toString(options.spinUs));
        }
        return timing;
    }

    private static int runAll(List<ReportCase> cases, int rounds, List<String> timing,
            Map<ReportCase, Map<String, List<Result>>> results, List<String> problems, PrintStream err) {
        int failures = 0;
        int runsPerRound = cases.size() * IMPLS.size();
        for (int round = 0; round < rounds; round++) {
            int step = 0;
            for (int c = 0; c < cases.size(); c++) {
                ReportCase reportCase = cases.get(c);
                for (int i = 0; i < IMPLS.size(); i++) {
                    String impl = IMPLS.get((i + round + c) % IMPLS.size());
                    step++;
                    err.println(String.format(Locale.ROOT, "[%d/%d] %s %s round %d/%d ...", step, runsPerRound,
                            reportCase.label, impl, round + 1, rounds));
                    String run = reportCase.label + " " + impl + " round " + (round + 1);
                    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                        try {
                            BenchOptions options = BenchOptions.parse(reportCase.commandLine(impl, timing));
                            results.get(reportCase).get(impl).add(Main.runOne(impl, options));
                            break;
                        } catch (UsageException | RuntimeException e) {
                            String problem = run + ", attempt " + attempt + " of " + ATTEMPTS + ", FAILED: "
                                    + e.getMessage();
                            problems.add(problem);
                            err.println("meshmq-bench report: " + problem);
                            failures += attempt == ATTEMPTS ? 1 : 0;
                        }
                    }
                }
            }
        }
        return failures;
    }
}

package dev.meshmq.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * The {@code meshmq-bench} command line: throughput and latency of MeshMQ side by side with JeroMQ.
 * Exit codes: 0 all runs finished, 1 a run failed (reported on stderr), 2 a bad command line.
 *
 * <p>Thread-safety: a program; each run uses a few threads of its own.
 */
public final class Main {

    static final String USAGE = String.join(System.lineSeparator(),
            "usage: java -jar meshmq-bench.jar throughput|latency|fanout|connect-rate|soak [flags]",
            "       java -jar meshmq-bench.jar report --out DIR [--rounds N] [--quick] [--spin-us N]",
            "                                         [--background-load N]",
            "  throughput    one PUSH sends for --seconds after a warm-up, one PULL counts (receiver's view)",
            "  latency       REQ/REP round trips: mean/p50/p99 in microseconds",
            "  fanout        one PUB to --subs SUBs over tcp: delivered_per_s (all SUBs) and dropped copies",
            "  connect-rate  new tcp connections per second to a bound PULL, one at a time and in bursts,",
            "                MeshMQ vs JeroMQ vs a plain NIO accept loop (nio); connected = first message in",
            "  soak          MeshMQ only, until --minutes are up: mixed patterns (PUSH/PULL, DEALER/ROUTER,",
            "                REQ/REP, PUB/SUB, CLIENT/SERVER; tcp, ipc, inproc; HWM 1-5; relay resets and",
            "                stalls), two-JVM PUSH->PULL rounds and kill -9 of the peer JVM; checks duplicates,",
            "                loss, heap/fd/thread growth; summary per kind; exit 1 if an invariant broke",
            "  report        the standard cases for both libraries, --rounds (default 3) rounds; writes",
            "                DIR/report.md, DIR/results.csv and SVG charts; --quick = 0.3 s runs, 1 round",
            "flags:",
            "  --impl meshmq|jeromq|both   default both: run back to back in this invocation, alternating;",
            "                              connect-rate also takes nio and all (its default: all three);",
            "                              or a list such as meshmq,nio",
            "  --transport tcp|ipc|inproc  default tcp; inproc needs --procs 1; JeroMQ's ipc is TCP emulation",
            "  --size BYTES                message body size, default 64",
            "  --procs 1|2                 2 = the receiver/echo side runs in a child JVM; default 1",
            "  --seconds S                 timed part, default 2",
            "  --warmup S                  warm-up before timing, default 1 (same for both libraries)",
            "  --rounds N                  repeat N times and report the median of each metric; default 1",
            "  --min-round-trips N         latency: timed round trips at least, default 20000",
            "  --subs N                    fanout: SUB sockets, each on its own thread; default 4",
            "  --nodrop                    fanout: XPUB_NODROP on the PUB (wait at the HWM instead of dropping)",
            "  --clients N                 connect-rate: clients per burst, default 100",
            "  --bursts N                  connect-rate: timed bursts (median reported), default 5",
            "  --minutes M                 soak: how long, default 30",
            "  --stall-seconds S           soak: a round not done in S seconds is a stall (dumps), default 60",
            "  --spin-us N                 MeshMQ's spin wait in µs (0..10000), here and in the peer child;",
            "                              default MeshMQ's own; JeroMQ ignores it",
            "  --background-load N         N busy threads in a separate JVM while the runs go on; default 0",
            "  --curve                     throughput, latency, fanout, connect-rate: CURVE (the binding socket is the",
            "                              server), both libraries with the same fresh keys; bench name gets _curve;",
            "                              connect-rate --curve: CURVE handshakes per second (meshmq, jeromq)",
            "  --direct-frames             throughput: MeshMQ's PUSH sends each body as Frame.wrap of a direct",
            "                              ByteBuffer (large ones go to the channel without a copy); JeroMQ as usual",
            "  --csv                       print bench,impl,transport,procs,size,metric,value lines after a",
            "                              '# machine: ...' comment line",
            "Every run also reports CPU per message (all processes, each over its own timed window):",
            "cpu_ns_per_msg (throughput, fanout) and cpu_us_per_round_trip (latency).",
            "Both libraries use the same socket types, sizes and HWM (1000 send and receive, set explicitly).",
            "MB/s is 10^6 bytes of message body per second.");

    private Main() {
    }

    /**
     * Runs the command line and exits with its code.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        int code = run(args, System.out, System.err);
        System.out.flush();
        System.exit(code);
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        List<String> list = Arrays.asList(args);
        if (list.contains("--help") || list.contains("-h")) {
            out.println(USAGE);
            return 0;
        }
        if (!list.isEmpty() && SpinLoad.COMMAND.equals(list.get(0))) {
            return SpinLoad.run(list.subList(1, list.size()), System.in, out);
        }
        BenchOptions options;
        try {
            options = BenchOptions.parse(list);
        } catch (UsageException e) {
            err.println("meshmq-bench: " + e.getMessage());
            return 2;
        }
        if (options.isPeer()) {
            return runPeer(options, out, err);
        }
        if (BenchOptions.SOAK.equals(options.command)) {
            return SoakBench.run(options, out);
        }
        if (BenchOptions.REPORT.equals(options.command)) {
            return ReportCommand.run(options, err);
        }
        return runBenchmarks(options, out, err);
    }

    /** A hidden peer sub-command, in the child JVM: stdin is its control channel (thread dumps, requests). */
    private static int runPeer(BenchOptions options, PrintStream out, PrintStream err) {
        PeerControl control = PeerControl.listen(System.in);
        try {
            if (BenchOptions.THROUGHPUT_PEER.equals(options.command)) {
                ThroughputBench.runPeer(options, out);
            } else if (BenchOptions.LATENCY_PEER.equals(options.command)) {
                LatencyBench.runPeer(options, out);
            } else {
                SoakPeer.run(control, out);
            }
            return 0;
        } catch (RuntimeException e) {
            err.println("meshmq-bench: " + options.command + " failed: " + e);
            return 1;
        }
    }

    private static int runBenchmarks(BenchOptions options, PrintStream out, PrintStream err) {
        MachineState machine = MachineState.now(options);
        out.println(options.csv ? machine.csvComment() : "machine: " + machine.describe());
        PrintStream notes = options.csv ? err : out;
        if (options.transport == Transport.IPC && options.impls.contains("jeromq")) {
            notes.println("note: JeroMQ's ipc:// is TCP over loopback (emulation); MeshMQ's is a Unix domain socket");
        }
        if (options.spinUs != BenchOptions.DEFAULT_SPIN && options.impls.contains("jeromq")) {
            notes.println(spinNote(options.spinUs));
        }
        List<List<Result>> perImpl = new ArrayList<>();
        for (int i = 0; i < options.impls.size(); i++) {
            perImpl.add(new ArrayList<>());
        }
        int failures;
        try (BackgroundLoad load = BackgroundLoad.start(options.backgroundLoad)) {
            if (load.pid() > 0) {
                notes.println("note: background load: " + options.backgroundLoad + " busy threads in JVM pid "
                        + load.pid());
            }
            failures = runRounds(options, perImpl, err);
        } catch (BenchFailure e) {
            err.println("meshmq-bench: " + e.getMessage());
            return 1;
        }
        List<Result> results = new ArrayList<>();
        for (List<Result> rounds : perImpl) {
            if (!rounds.isEmpty()) {
                results.add(median(rounds));
            }
        }
        if (options.csv) {
            ResultPrinter.printCsv(results, out);
        } else {
            ResultPrinter.printTable(results, out);
        }
        return failures == 0 ? 0 : 1;
    }

    static String spinNote(int spinUs) {
        return "note: --spin-us " + spinUs + " sets MeshMQ's spin wait only; JeroMQ ignores it (it has no such "
                + "setting)";
    }

    private static int runRounds(BenchOptions options, List<List<Result>> perImpl, PrintStream err) {
        int failures = 0;
        for (int round = 0; round < options.rounds; round++) {
            for (int step = 0; step < options.impls.size(); step++) {
                int index = (step + round) % options.impls.size();
                String impl = options.impls.get(index);
                try {
                    perImpl.get(index).add(runOne(impl, options));
                } catch (RuntimeException e) {
                    failures++;
                    err.println("meshmq-bench: " + impl + " " + options.command + " over "
                            + options.transport.label() + " (procs " + options.procs + ", size " + options.size
                            + ") FAILED: " + e.getMessage());
                }
            }
        }
        return failures;
    }

    static Result runOne(String implName, BenchOptions options) {
        Transport.resetIpcFiles();
        try {
            if (BenchOptions.CONNECT_RATE.equals(options.command)) {
                return ConnectRateBench.run(implName, options);
            }
            BenchImpl impl = options.impl(implName);
            if (BenchOptions.THROUGHPUT.equals(options.command)) {
                return ThroughputBench.run(impl, options);
            }
            if (BenchOptions.FANOUT.equals(options.command)) {
                return FanoutBench.run(impl, options);
            }
            return LatencyBench.run(impl, options);
        } finally {
            for (Path file : Transport.resetIpcFiles()) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException e) {
                    // A leftover socket file in the temp directory is harmless; the next run uses a new name.
                    continue;
                }
            }
        }
    }

    /** The median of each metric over the rounds of one implementation (the lower middle for even counts). */
    static Result median(List<Result> rounds) {
        Result first = rounds.get(0);
        if (rounds.size() == 1) {
            return first;
        }
        for (Map.Entry<String, Double> metric : first.metrics.entrySet()) {
            double[] values = rounds.stream().map(round -> round.metrics.get(metric.getKey()))
                    .filter(value -> value != null).mapToDouble(Double::doubleValue).sorted().toArray();
            metric.setValue(values[(values.length - 1) / 2]);
        }
        first.detail("median of " + rounds.size() + " rounds");
        return first;
    }
}

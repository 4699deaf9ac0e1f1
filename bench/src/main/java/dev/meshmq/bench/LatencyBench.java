package dev.meshmq.bench;

import dev.meshmq.bench.BenchImpl.BenchContext;
import dev.meshmq.bench.BenchImpl.BenchSocket;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.concurrent.FutureTask;

/**
 * Latency, after libzmq's local_lat/remote_lat: REQ/REP round trips. The REQ (which binds) sends a
 * {@code --size}-byte request and waits for the reply; the REP (which connects) answers each request
 * with a reply of the same size.
 *
 * <p>Warm-up: {@code --warmup} seconds and at least {@value #MIN_WARMUP_ROUND_TRIPS} round trips.
 * Timed: {@code --seconds} and at least {@code --min-round-trips} round trips (default 20,000),
 * each measured with {@link System#nanoTime()} into a {@code long[]}; percentiles by sorting
 * (nearest rank). An empty message tells the echo side to stop.
 *
 * <p>{@code cpu_us_per_round_trip}: the pinging side measures its process's CPU time
 * ({@link ProcessCpu}) over the timed round trips and divides by their count. With {@code --procs 2} the
 * echo child does the same over its own window: between the warm-up and the timed part the pinger
 * makes one extra round trip with a request one byte longer than the others (the start mark, the
 * same for both libraries); the child measures from that request to the stop message, divides by the
 * requests it answered in between and prints the figure on its report line; the two are summed.
 *
 * <p>Thread-safety: each run uses its own sockets, one pinging and (one process) one echoing thread.
 */
final class LatencyBench {

    static final String NAME = "latency";
    static final String REPORT = "ECHOED";
    static final String CPU_METRIC = "cpu_us_per_round_trip";
    static final int MIN_WARMUP_ROUND_TRIPS = 1000;
    private static final byte[] STOP = new byte[0];
    private static final double SLACK_SECONDS = 60;

    private LatencyBench() {
    }

    static Result run(BenchImpl impl, BenchOptions options) {
        double budget = options.warmupSeconds + options.seconds + SLACK_SECONDS;
        long deadline = Watchdog.deadline(budget);
        BenchContext context = impl.open();
        PeerProcess peer = null;
        try {
            BenchSocket pinger = context.createReq();
            String endpoint = pinger.bind(options.transport.bindEndpoint());
            FutureTask<Timed> ping = Watchdog.start(impl.name() + "-ping", () -> ping(pinger, options));
            Timed timed;
            double cpuPerRoundTrip;
            if (options.procs == 1) {
                BenchSocket echoer = context.createRep();
                echoer.connect(endpoint);
                FutureTask<Echoed> echo = Watchdog.start(impl.name() + "-echo", () -> echo(echoer, options.size));
                timed = Watchdog.await(impl.name() + " latency ping", ping, deadline, Watchdog.NO_PEER,
                        context::abort);
                Watchdog.await(impl.name() + " latency echo", echo, deadline, Watchdog.NO_PEER,
                        context::abort);
                cpuPerRoundTrip = timed.cpuPerRoundTrip();
            } else {
                peer = PeerProcess.start(options.peerArgs(BenchOptions.LATENCY_PEER, impl.name(), endpoint));
                PeerProcess running = peer;
                timed = Watchdog.await(impl.name() + " latency ping", ping, deadline, running,
                        context::abort);
                String[] report = peer.awaitReport(REPORT, (deadline - System.nanoTime()) / 1e9);
                if (report.length < 3) {
                    throw new BenchFailure("peer report '" + String.join(" ", report) + "' lacks its CPU figure");
                }
                cpuPerRoundTrip = ProcessCpu.sum(timed.cpuPerRoundTrip(), ProcessCpu.parse(report[2]));
            }
            Result result = result(impl, options, timed.samples);
            return cpuPerRoundTrip >= 0 ? result.with(CPU_METRIC, cpuPerRoundTrip / 1e3) : result;
        } finally {
            if (peer != null) {
                peer.close();
            }
            context.close();
        }
    }

    static Result result(BenchImpl impl, BenchOptions options, long[] samples) {
        Arrays.sort(samples);
        double sum = 0;
        for (long sample : samples) {
            sum += sample;
        }
        return new Result(NAME, impl.name(), options)
                .with("mean_us", sum / samples.length / 1e3)
                .with("p50_us", percentile(samples, 50) / 1e3)
                .with("p99_us", percentile(samples, 99) / 1e3)
                .detail(samples.length + " round trips" + (samples.length < options.minRoundTrips
                        ? " (fewer than --min-round-trips " + options.minRoundTrips + ": the machine was too busy)"
                        : ""));
    }

    /** Nearest-rank percentile of sorted samples. */
    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /**
     * The echoing peer process: connects a REP, answers until told to stop, prints
     * {@code ECHOED n cpu}: the requests answered, and its own CPU nanoseconds per round trip from the
     * start mark to the stop (negative if unknown).
     */
    static void runPeer(BenchOptions options, PrintStream out) {
        BenchImpl impl = options.impl(options.impls.get(0));
        try (BenchContext context = impl.open()) {
            BenchSocket echoer = context.createRep();
            echoer.connect(options.connect);
            Echoed echoed = echo(echoer, options.size);
            out.println(REPORT + " " + echoed.total + " " + ProcessCpu.format(
                    ProcessCpu.perMessage(echoed.cpuStart, echoed.cpuEnd, echoed.timed)));
            out.flush();
            echoer.close();
        }
    }

    static Echoed echo(BenchSocket socket, int size) {
        byte[] reply = new byte[size];
        Echoed echoed = new Echoed();
        int got;
        while ((got = socket.receive()) != 0) {
            if (got == size + 1) {
                echoed.cpuStart = ProcessCpu.nanos();
                echoed.timed = 0;
            } else {
                echoed.timed++;
            }
            socket.send(reply);
            echoed.total++;
        }
        echoed.cpuEnd = ProcessCpu.nanos();
        return echoed;
    }

    /** What the echo side counted: every request, those after the start mark, and its CPU time there. */
    static final class Echoed {
        long total;
        long timed;
        long cpuStart = ProcessCpu.UNAVAILABLE;
        long cpuEnd = ProcessCpu.UNAVAILABLE;
    }

    /** What the pinging side measured: the round-trip times, and its process's CPU time around them. */
    static final class Timed {
        final long[] samples;
        final long cpuStart;
        final long cpuEnd;

        Timed(long[] samples, long cpuStart, long cpuEnd) {
            this.samples = samples;
            this.cpuStart = cpuStart;
            this.cpuEnd = cpuEnd;
        }

        double cpuPerRoundTrip() {
            return ProcessCpu.perMessage(cpuStart, cpuEnd, samples.length);
        }
    }

    static Timed ping(BenchSocket socket, BenchOptions options) {
        byte[] payload = new byte[options.size];
        long warmupEnd = Watchdog.deadline(options.warmupSeconds);
        // on a machine so busy that a round trip takes milliseconds, the minimum counts give way to time
        // (well before the watchdog's deadline): a short run is reported as such, not as a hang
        long warmupGiveUp = Watchdog.deadline(options.warmupSeconds + SLACK_SECONDS / 4);
        for (int i = 0; (i < MIN_WARMUP_ROUND_TRIPS || System.nanoTime() - warmupEnd < 0)
                && System.nanoTime() - warmupGiveUp < 0; i++) {
            roundTrip(socket, payload);
        }
        socket.send(new byte[options.size + 1]);
        checkEcho(socket.receive(), payload.length);
        long[] samples = new long[Math.max(options.minRoundTrips, 1 << 16)];
        int count = 0;
        long end = Watchdog.deadline(options.seconds);
        long giveUp = Watchdog.deadline(options.seconds + SLACK_SECONDS / 4);
        long cpuStart = ProcessCpu.nanos();
        long before = System.nanoTime();
        while ((count < options.minRoundTrips || before - end < 0) && (count == 0 || before - giveUp < 0)) {
            roundTrip(socket, payload);
            long after = System.nanoTime();
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, samples.length * 2);
            }
            samples[count++] = after - before;
            before = after;
        }
        long cpuEnd = ProcessCpu.nanos();
        socket.send(STOP);
        return new Timed(Arrays.copyOf(samples, count), cpuStart, cpuEnd);
    }

    private static void roundTrip(BenchSocket socket, byte[] payload) {
        socket.send(payload);
        checkEcho(socket.receive(), payload.length);
    }

    private static void checkEcho(int got, int expected) {
        if (got != expected) {
            throw new BenchFailure("echo was " + got + " bytes, expected " + expected);
        }
    }
}

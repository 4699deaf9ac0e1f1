package dev.meshmq.bench;

import dev.meshmq.bench.BenchImpl.BenchContext;
import dev.meshmq.bench.BenchImpl.BenchSocket;
import java.io.PrintStream;
import java.util.Arrays;
import java.util.List;
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
 */
final class LatencyBench {

    static final String NAME = "latency";
    static final String REPORT = "ECHOED";
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
            FutureTask<long[]> ping = Watchdog.start(impl.name() + "-ping", () -> ping(pinger, options));
            long[] samples;
            if (options.procs == 1) {
                BenchSocket echoer = context.createRep();
                echoer.connect(endpoint);
                FutureTask<Long> echo = Watchdog.start(impl.name() + "-echo", () -> echo(echoer, options.size));
                samples = Watchdog.await(impl.name() + " latency ping", ping, deadline, Watchdog.NO_PEER,
                        context::abort);
                Watchdog.await(impl.name() + " latency echo", echo, deadline, Watchdog.NO_PEER,
                        context::abort);
            } else {
                peer = PeerProcess.start(List.of(BenchOptions.LATENCY_PEER, "--impl", impl.name(),
                        "--connect", endpoint, "--size", Integer.toString(options.size),
                        "--transport", options.transport.label()));
                PeerProcess running = peer;
                samples = Watchdog.await(impl.name() + " latency ping", ping, deadline, running,
                        context::abort);
                peer.awaitReport(REPORT, (deadline - System.nanoTime()) / 1e9);
            }
            return result(impl, options, samples);
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
                .detail(samples.length + " round trips");
    }

    /** Nearest-rank percentile of sorted samples. */
    static long percentile(long[] sorted, double percent) {
        int rank = (int) Math.ceil(percent / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    /** The echoing peer process: connects a REP, answers until told to stop, prints {@code ECHOED n}. */
    static void runPeer(BenchOptions options, PrintStream out) {
        BenchImpl impl = BenchImpl.named(options.impls.get(0));
        try (BenchContext context = impl.open()) {
            BenchSocket echoer = context.createRep();
            echoer.connect(options.connect);
            long echoed = echo(echoer, options.size);
            out.println(REPORT + " " + echoed);
            out.flush();
            echoer.close();
        }
    }

    static long echo(BenchSocket socket, int size) {
        byte[] reply = new byte[size];
        long echoed = 0;
        while (socket.receive() != 0) {
            socket.send(reply);
            echoed++;
        }
        return echoed;
    }

    static long[] ping(BenchSocket socket, BenchOptions options) {
        byte[] payload = new byte[options.size];
        long warmupEnd = Watchdog.deadline(options.warmupSeconds);
        for (int i = 0; i < MIN_WARMUP_ROUND_TRIPS || System.nanoTime() - warmupEnd < 0; i++) {
            roundTrip(socket, payload);
        }
        long[] samples = new long[Math.max(options.minRoundTrips, 1 << 16)];
        int count = 0;
        long end = Watchdog.deadline(options.seconds);
        long before = System.nanoTime();
        while (count < options.minRoundTrips || before - end < 0) {
            roundTrip(socket, payload);
            long after = System.nanoTime();
            if (count == samples.length) {
                samples = Arrays.copyOf(samples, samples.length * 2);
            }
            samples[count++] = after - before;
            before = after;
        }
        socket.send(STOP);
        return Arrays.copyOf(samples, count);
    }

    private static void roundTrip(BenchSocket socket, byte[] payload) {
        socket.send(payload);
        int got = socket.receive();
        if (got != payload.length) {
            throw new BenchFailure("echo was " + got + " bytes, expected " + payload.length);
        }
    }
}

package dev.meshmq.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.FutureTask;

/**
 * Connection set-up rate over loopback tcp, in one process: how fast a bound server takes new
 * connections, for MeshMQ, JeroMQ and a plain NIO accept loop (the kernel's speed, {@link NioConnectTarget}).
 * The server and the clients are described by {@link ConnectTarget}; a connection counts once the server
 * has the client's first (1-byte) message in hand, so for the libraries the ZMTP handshake is included.
 *
 * <ul>
 *   <li><b>Sequential</b>, one connection at a time, for {@code --seconds} after {@code --warmup} seconds
 *       of the same: a cycle is create a client, connect, send one byte, the server receives it, close the
 *       client. {@code seq_conn_per_s} is cycles per second of wall time (creation and close included);
 *       {@code seq_p50_us}/{@code seq_p99_us} time each cycle from the connect call to the server's
 *       receive (nearest rank); {@code seq_over_1s} counts cycles of a second or more (a connection that
 *       missed its handshake and waited for a timeout or a retry; JeroMQ 0.6.0 has such stalls of 30 s,
 *       its handshake interval, see jeromq pull request 1022). At most {@value #MAX_SEQUENTIAL} cycles
 *       per phase (warm-up and timed each), so a fast target does not leave tens of thousands of
 *       loopback connections in TIME_WAIT.</li>
 *   <li><b>Burst</b>: {@code --clients} clients are created (not timed), then the clock starts, every one
 *       connects and sends from one thread without waiting (connects are asynchronous in the libraries,
 *       and the kernel completes a loopback connect before the server accepts it), and the clock stops
 *       when the server has all {@code --clients} messages. One burst of warm-up, then {@code --bursts}
 *       timed ones; {@code burst_ms} is the median burst, {@code burst_conn_per_s} is clients over it.
 *       The clients are closed between bursts.</li>
 * </ul>
 *
 * <p>With {@code --curve} (the libraries only) the PULL is a CURVE server and every client a CURVE client
 * of it (the same client key pair, a fresh short-term key pair per connection, as CURVE always makes), so
 * an arrival is a completed CURVE handshake plus one sealed message, and the rates are CURVE handshakes
 * per second; the bench name becomes {@code connect_rate_curve}.
 *
 * <p>{@code seq_cpu_us_per_conn}: the CPU time of this process ({@link ProcessCpu}: server, clients and
 * both I/O threads, all in this process) over the timed sequential phase, divided by its cycles; it moves
 * much less with other load on the machine than the rates do. Bursts report no CPU time.
 *
 * <p>Every target binds with a listen backlog of {@value ConnectTarget#BACKLOG}.
 *
 * <p>Thread-safety: each run measures on one thread of its own, guarded by a {@link Watchdog}.
 */
final class ConnectRateBench {

    static final String NAME = "connect_rate";
    /** CPU time of this whole process (server and clients) per sequential cycle, in µs. */
    static final String SEQ_CPU_METRIC = "seq_cpu_us_per_conn";
    static final int MAX_SEQUENTIAL = 10_000;
    private static final double SLACK_SECONDS = 150;
    private static final long SLOW_CYCLE_NANOS = 1_000_000_000L;

    private ConnectRateBench() {
    }

    static Result run(String implName, BenchOptions options) {
        long deadline = Watchdog.deadline(options.warmupSeconds + options.seconds + SLACK_SECONDS);
        ConnectTarget target = BenchOptions.NIO.equals(implName)
                ? new NioConnectTarget()
                : new LibraryConnectTarget(options.impl(implName));
        try {
            FutureTask<Result> measurement = Watchdog.start(implName + "-connect-rate",
                    () -> measure(target, implName, options));
            return Watchdog.await(implName + " connect-rate", measurement, deadline, Watchdog.NO_PEER,
                    target::abort);
        } finally {
            target.close();
        }
    }

    private static Result measure(ConnectTarget target, String implName, BenchOptions options) {
        sequential(target, options.warmupSeconds);
        long cpuStart = ProcessCpu.nanos();
        long[] cycles = sequential(target, options.seconds);
        long cpuEnd = ProcessCpu.nanos();
        long phaseNanos = cycles[cycles.length - 1];
        long[] samples = Arrays.copyOf(cycles, cycles.length - 1);
        Arrays.sort(samples);
        burst(target, options.clients);
        long[] bursts = new long[options.bursts];
        for (int i = 0; i < bursts.length; i++) {
            bursts[i] = burst(target, options.clients);
        }
        Arrays.sort(bursts);
        long burstNanos = bursts[(bursts.length - 1) / 2];
        double cpuPerCycle = ProcessCpu.perMessage(cpuStart, cpuEnd, samples.length);
        Result result = new Result(NAME, implName, options)
                .with("seq_conn_per_s", samples.length * 1e9 / phaseNanos)
                .with("seq_p50_us", LatencyBench.percentile(samples, 50) / 1e3)
                .with("seq_p99_us", LatencyBench.percentile(samples, 99) / 1e3)
                .with("seq_over_1s", countAtLeast(samples, SLOW_CYCLE_NANOS))
                .with("burst_conn_per_s", options.clients * 1e9 / burstNanos)
                .with("burst_ms", burstNanos / 1e6)
                .detail(samples.length + " sequential in " + String.format(Locale.ROOT, "%.2f", phaseNanos / 1e9)
                        + " s" + (samples.length == MAX_SEQUENTIAL ? " (cap)" : "") + "; " + options.bursts
                        + " bursts of " + options.clients + ", fastest "
                        + String.format(Locale.ROOT, "%.1f", bursts[0] / 1e6) + " ms, slowest "
                        + String.format(Locale.ROOT, "%.1f", bursts[bursts.length - 1] / 1e6) + " ms");
        return cpuPerCycle >= 0 ? result.with(SEQ_CPU_METRIC, cpuPerCycle / 1e3) : result;
    }

    private static int countAtLeast(long[] sorted, long nanos) {
        int index = Arrays.binarySearch(sorted, nanos);
        if (index < 0) {
            index = -index - 1;
        }
        while (index > 0 && sorted[index - 1] >= nanos) {
            index--;
        }
        return sorted.length - index;
    }

    /**
     * Connects one client at a time for {@code seconds}.
     *
     * @return each cycle's connect-to-arrival nanoseconds, then the phase's wall-clock nanoseconds last
     */
    private static long[] sequential(ConnectTarget target, double seconds) {
        long[] samples = new long[1024];
        int count = 0;
        long start = System.nanoTime();
        long end = start + (long) (seconds * 1e9);
        long now = start;
        while (now - end < 0 && count < MAX_SEQUENTIAL) {
            try (ConnectTarget.Client client = target.newClient()) {
                long before = System.nanoTime();
                client.connectAndSend();
                target.awaitArrivals(1);
                if (count == samples.length - 1) {
                    samples = Arrays.copyOf(samples, samples.length * 2);
                }
                samples[count++] = System.nanoTime() - before;
            }
            now = System.nanoTime();
        }
        samples[count] = now - start;
        return Arrays.copyOf(samples, count + 1);
    }

    /**
     * Runs one burst.
     *
     * @return the nanoseconds from the first connect to the last arrival
     */
    private static long burst(ConnectTarget target, int clients) {
        List<ConnectTarget.Client> open = new ArrayList<>(clients);
        try {
            for (int i = 0; i < clients; i++) {
                open.add(target.newClient());
            }
            long start = System.nanoTime();
            for (ConnectTarget.Client client : open) {
                client.connectAndSend();
            }
            target.awaitArrivals(clients);
            return System.nanoTime() - start;
        } finally {
            for (ConnectTarget.Client client : open) {
                client.close();
            }
        }
    }
}

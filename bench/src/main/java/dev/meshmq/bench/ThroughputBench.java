package dev.meshmq.bench;

import dev.meshmq.bench.BenchImpl.BenchContext;
import dev.meshmq.bench.BenchImpl.BenchSocket;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.FutureTask;

/**
 * Throughput, after libzmq's local_thr/remote_thr: one PUSH (which binds) sends {@code --size}-byte
 * messages as fast as it can, one PULL (which connects) counts them.
 *
 * <p>The sender sends for {@code --warmup} seconds (counted from the first send that went through,
 * so connection set-up is excluded), then an empty marker message, then data for {@code --seconds},
 * then a second marker. The receiver times from the first data message after the first marker to
 * the second marker and counts the data messages after the first one in between; the rate is that
 * count over that time, from the receiver's view. Markers are empty, data is never empty.
 *
 * <p>{@code cpu_ns_per_msg}: each process measures its own CPU time ({@link ProcessCpu}) over its own
 * timed window and divides by its own count: the sender between its two markers over the messages it
 * sent in between, the receiver over its timed window and count (the child prints its figure on its
 * report line); the two figures are summed. With {@code --procs 1} both sides share one process, so
 * the receiver's window alone is measured.
 *
 * <p>Thread-safety: each run uses its own sockets, one sending and one receiving thread.
 */
final class ThroughputBench {

    static final String NAME = "throughput";
    static final String REPORT = "RECEIVED";
    static final String CPU_METRIC = "cpu_ns_per_msg";
    private static final byte[] MARKER = new byte[0];
    private static final int SENDS_PER_CLOCK_CHECK = 64;
    private static final double SLACK_SECONDS = 30;

    private ThroughputBench() {
    }

    static Result run(BenchImpl impl, BenchOptions options) {
        double budget = options.warmupSeconds + options.seconds + SLACK_SECONDS;
        long deadline = Watchdog.deadline(budget);
        BenchContext context = impl.open();
        PeerProcess peer = null;
        try {
            BenchSocket push = context.createPush();
            String endpoint = push.bind(options.transport.bindEndpoint());
            byte[] payload = new byte[options.size];
            FutureTask<long[]> sender = Watchdog.start(impl.name() + "-sender",
                    () -> send(push, payload, options.warmupSeconds, options.seconds));
            long[] received;
            double cpuPerMessage;
            if (options.procs == 1) {
                BenchSocket pull = context.createPull();
                pull.connect(endpoint);
                FutureTask<long[]> receiver = Watchdog.start(impl.name() + "-receiver",
                        () -> receive(pull, options.size));
                Watchdog.await(impl.name() + " throughput sender", sender, deadline, Watchdog.NO_PEER,
                        context::abort);
                received = Watchdog.await(impl.name() + " throughput receiver", receiver, deadline,
                        Watchdog.NO_PEER, context::abort);
                cpuPerMessage = ProcessCpu.perMessage(received[2], received[3], received[0]);
            } else {
                peer = PeerProcess.start(options.peerArgs(BenchOptions.THROUGHPUT_PEER, impl.name(), endpoint,
                        "--role", "receive"));
                PeerProcess running = peer;
                long[] sent = Watchdog.await(impl.name() + " throughput sender", sender, deadline, running,
                        context::abort);
                String[] report = peer.awaitReport(REPORT, (deadline - System.nanoTime()) / 1e9);
                if (report.length < 4) {
                    throw new BenchFailure("peer report '" + String.join(" ", report) + "' lacks its CPU figure");
                }
                received = new long[] {Long.parseLong(report[1]), Long.parseLong(report[2])};
                cpuPerMessage = ProcessCpu.sum(ProcessCpu.perMessage(sent[1], sent[2], sent[0]),
                        ProcessCpu.parse(report[3]));
            }
            return result(impl, options, received[0], received[1], cpuPerMessage);
        } finally {
            if (peer != null) {
                peer.close();
            }
            context.close();
        }
    }

    private static Result result(BenchImpl impl, BenchOptions options, long count, long nanos, double cpu) {
        if (count <= 0 || nanos <= 0) {
            throw new BenchFailure(impl.name() + " receiver counted " + count + " messages in " + nanos + " ns");
        }
        double perSecond = count * 1e9 / nanos;
        Result result = new Result(NAME, impl.name(), options)
                .with("msgs_per_s", perSecond)
                .with("mb_per_s", perSecond * options.size / 1e6)
                .detail(count + " msgs in " + String.format(Locale.ROOT, "%.2f", nanos / 1e9) + " s");
        return cpu >= 0 ? result.with(CPU_METRIC, cpu) : result;
    }

    /**
     * The receiving peer process: connects a PULL, receives, prints {@code RECEIVED count nanos cpu},
     * cpu being its own CPU nanoseconds per message over its timed window (negative if unknown).
     */
    static void runPeer(BenchOptions options, PrintStream out) {
        BenchImpl impl = options.impl(options.impls.get(0));
        try (BenchContext context = impl.open()) {
            BenchSocket pull = context.createPull();
            pull.connect(options.connect);
            long[] received = receive(pull, options.size);
            out.println(REPORT + " " + received[0] + " " + received[1] + " "
                    + ProcessCpu.format(ProcessCpu.perMessage(received[2], received[3], received[0])));
            out.flush();
            pull.close();
        }
    }

    /**
     * Sends one run.
     *
     * @return the data messages sent between the two markers, and this process's CPU time (nanoseconds)
     *     at the first and at the second marker
     */
    static long[] send(BenchSocket push, byte[] payload, double warmupSeconds, double seconds) {
        push.send(payload);
        sendUntil(push, payload, Watchdog.deadline(warmupSeconds));
        push.send(MARKER);
        long cpuStart = ProcessCpu.nanos();
        long timed = sendUntil(push, payload, Watchdog.deadline(seconds));
        push.send(MARKER);
        return new long[] {timed, cpuStart, ProcessCpu.nanos()};
    }

    private static long sendUntil(BenchSocket push, byte[] payload, long deadlineNanos) {
        long sent = 0;
        do {
            for (int i = 0; i < SENDS_PER_CLOCK_CHECK; i++) {
                push.send(payload);
            }
            sent += SENDS_PER_CLOCK_CHECK;
        } while (System.nanoTime() - deadlineNanos < 0);
        return sent;
    }

    /**
     * Receives one run.
     *
     * @return the number of data messages after the first timed one, the nanoseconds from the
     *     first timed data message to the end marker, and this process's CPU time at both
     */
    static long[] receive(BenchSocket pull, int size) {
        while (true) {
            int got = pull.receive();
            if (got == 0) {
                break;
            }
            checkSize(got, size);
        }
        int first = pull.receive();
        long start = System.nanoTime();
        long cpuStart = ProcessCpu.nanos();
        if (first == 0) {
            return new long[] {0, 0, cpuStart, cpuStart};
        }
        checkSize(first, size);
        long count = 0;
        while (true) {
            int got = pull.receive();
            if (got == 0) {
                break;
            }
            checkSize(got, size);
            count++;
        }
        long nanos = System.nanoTime() - start;
        return new long[] {count, nanos, cpuStart, ProcessCpu.nanos()};
    }

    private static void checkSize(int got, int size) {
        if (got != size) {
            throw new BenchFailure("received a " + got + "-byte message, expected " + size);
        }
    }
}

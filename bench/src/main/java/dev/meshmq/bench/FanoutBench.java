package dev.meshmq.bench;

import dev.meshmq.bench.BenchImpl.BenchContext;
import dev.meshmq.bench.BenchImpl.BenchSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Fan-out: one PUB (which binds, tcp) publishes {@code --size}-byte messages as fast as it can to
 * {@code --subs} SUB sockets (each subscribed to everything, each received on its own thread). By
 * default the PUB drops for a subscriber at its high-water mark; with {@code --nodrop} (XPUB_NODROP) it
 * waits instead.
 *
 * <p>Every side counts continuously. Once every subscriber has received something (the slow joiners
 * are in) and the warm-up has passed, the counters are read, again {@code --seconds} later, and the
 * difference is the result: {@code delivered_per_s} is the messages all subscribers received per
 * second in total, {@code dropped} the copies published in the window that no subscriber received in it
 * (published x subscribers - delivered; messages in flight make it approximate, so a small non-zero
 * value with {@code --nodrop} is queue depth, not loss). To finish, the PUB sends empty messages until
 * every subscriber has seen one.
 *
 * <p>{@code cpu_ns_per_msg}: the process's CPU time ({@link ProcessCpu}) over the same window divided by
 * the messages delivered in it (one process holds the PUB and every SUB), so copies that were dropped
 * cost CPU but do not count.
 *
 * <p>Thread-safety: each run uses its own sockets, one publishing thread and one thread per SUB.
 */
final class FanoutBench {

    static final String NAME = "fanout";
    static final String NAME_NODROP = "fanout_nodrop";
    private static final byte[] STOP = new byte[0];
    private static final int SENDS_PER_CHECK = 64;
    private static final double SLACK_SECONDS = 30;
    private static final long STOP_RESEND_NANOS = 1_000_000;

    private FanoutBench() {
    }

    static Result run(BenchImpl impl, BenchOptions options) {
        long deadline = Watchdog.deadline(options.warmupSeconds + options.seconds + SLACK_SECONDS);
        BenchContext context = impl.open();
        try {
            BenchSocket pub = context.createPub(options.noDrop);
            String endpoint = pub.bind(options.transport.bindEndpoint());
            List<AtomicLong> delivered = new ArrayList<>();
            List<FutureTask<Long>> receivers = new ArrayList<>();
            for (int i = 0; i < options.subs; i++) {
                BenchSocket sub = context.createSub();
                sub.connect(endpoint);
                AtomicLong count = new AtomicLong();
                delivered.add(count);
                receivers.add(Watchdog.start(impl.name() + "-sub-" + i, () -> receive(sub, count, options.size)));
            }
            AtomicLong published = new AtomicLong();
            Publisher publisher = new Publisher(pub, new byte[options.size], published, receivers);
            FutureTask<Long> sender = Watchdog.start(impl.name() + "-pub", publisher::publish);
            awaitAll(delivered, deadline, impl.name());
            parkUntil(Watchdog.deadline(options.warmupSeconds));
            long start = System.nanoTime();
            long cpuStart = ProcessCpu.nanos();
            long published0 = published.get();
            long delivered0 = sum(delivered);
            parkUntil(Watchdog.deadline(options.seconds));
            long nanos = System.nanoTime() - start;
            long deliveredCount = sum(delivered) - delivered0;
            long publishedCount = published.get() - published0;
            double cpu = ProcessCpu.perMessage(cpuStart, ProcessCpu.nanos(), deliveredCount);
            publisher.stop = true;
            Watchdog.await(impl.name() + " fanout publisher", sender, deadline, Watchdog.NO_PEER,
                    context::abort);
            for (FutureTask<Long> receiver : receivers) {
                Watchdog.await(impl.name() + " fanout subscriber", receiver, deadline, Watchdog.NO_PEER,
                        context::abort);
            }
            double perSecond = deliveredCount * 1e9 / nanos;
            long dropped = Math.max(0, publishedCount * options.subs - deliveredCount);
            Result result = new Result(options.noDrop ? NAME_NODROP : NAME, impl.name(), options)
                    .with("delivered_per_s", perSecond)
                    .with("dropped", dropped)
                    .detail(options.subs + " subs, " + publishedCount + " published, " + deliveredCount
                            + " delivered in " + String.format(Locale.ROOT, "%.2f", nanos / 1e9) + " s");
            return cpu >= 0 ? result.with(ThroughputBench.CPU_METRIC, cpu) : result;
        } finally {
            context.close();
        }
    }

    /** The publishing thread: sends until told to stop, then empty messages until every subscriber ended. */
    private static final class Publisher {
        private final BenchSocket pub;
        private final byte[] payload;
        private final AtomicLong published;
        private final List<FutureTask<Long>> receivers;
        volatile boolean stop;

        Publisher(BenchSocket pub, byte[] payload, AtomicLong published, List<FutureTask<Long>> receivers) {
            this.pub = pub;
            this.payload = payload;
            this.published = published;
            this.receivers = receivers;
        }

        long publish() {
            long sent = 0;
            while (!stop) {
                for (int i = 0; i < SENDS_PER_CHECK; i++) {
                    pub.send(payload);
                }
                sent += SENDS_PER_CHECK;
                published.lazySet(sent);
            }
            while (receivers.stream().anyMatch(receiver -> !receiver.isDone())) {
                pub.send(STOP);
                // one stop reaches everyone without drops; resend (for dropped copies) only after a pause
                LockSupport.parkNanos(STOP_RESEND_NANOS);
            }
            return sent;
        }
    }

    private static long receive(BenchSocket sub, AtomicLong count, int size) {
        long received = 0;
        while (true) {
            int got = sub.receive();
            if (got == 0) {
                return received;
            }
            if (got != size) {
                throw new BenchFailure("received a " + got + "-byte message, expected " + size);
            }
            received++;
            count.lazySet(received);
        }
    }

    private static void awaitAll(List<AtomicLong> delivered, long deadline, String impl) {
        while (delivered.stream().anyMatch(count -> count.get() == 0)) {
            if (System.nanoTime() - deadline >= 0) {
                throw new BenchFailure(impl + " fanout: a subscriber received nothing before the deadline");
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    private static void parkUntil(long deadline) {
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
    }

    private static long sum(List<AtomicLong> counts) {
        long total = 0;
        for (AtomicLong count : counts) {
            total += count.get();
        }
        return total;
    }
}

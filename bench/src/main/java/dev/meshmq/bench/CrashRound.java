package dev.meshmq.bench;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.MonitorEventType;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * A kill -9 round of the soak: a PUSH here (binds) streams {@value #MESSAGES} numbered messages to a PULL
 * in the soak's peer JVM. After {@value #KILL_AT} have been sent the sender pauses (the messages are in
 * the PUSH's queue, the kernel's buffers or the peer), the peer JVM is killed ({@code SIGKILL}) and the
 * round waits until the PUSH's monitor reports DISCONNECTED. (Its {@code statistics().peers()} keeps
 * listing the dead peer, with the message queued for it, until the application next uses the socket.)
 * Then the sender goes on, a fresh peer JVM connects to the same endpoint, and it must receive every
 * message from number {@value #KILL_AT} to the last, each with a higher number than the one before it
 * ({@link SoakPeer}'s TAIL request), except at most HWM of the first ones: the monitor's DISCONNECTED can
 * come before the socket has dropped the dead peer's queue, and the first sends after it may still go
 * there and be lost (counted as lost, not a failure). Messages the killed JVM had taken or that were
 * queued or in flight for it before the kill are lost, as ZeroMQ allows, and not counted: the killed JVM
 * cannot report what it had received.
 *
 * <p>Thread-safety: {@link #run} is called from one thread; the sender runs on a watchdog thread.
 */
final class CrashRound {

    static final List<Transport> TRANSPORTS = List.of(Transport.TCP, Transport.IPC);
    static final List<Integer> HWMS = List.of(1, 2, 5);

    private static final long MESSAGES = 3000;
    private static final long KILL_AT = 1000;
    private static final int SIZE = 64;
    private static final double PEER_EXIT_SECONDS = 10;
    private static final Duration POLL = Duration.ofMillis(50);

    final int round;
    final Transport transport;
    final int hwm;
    private PeerProcess survivorPeer;

    CrashRound(int round, int crashIndex) {
        this.round = round;
        transport = TRANSPORTS.get(crashIndex % TRANSPORTS.size());
        hwm = HWMS.get(crashIndex / TRANSPORTS.size() % HWMS.size());
    }

    /**
     * Runs the round; the peer given is killed, and the peer that replaces it is then
     * {@link #replacement()}.
     *
     * @param victim the soak peer JVM, idle
     * @param stallSeconds the round's deadline
     * @return what the round did
     * @throws BenchFailure on a stall, a bad report from the new peer or a dead new peer
     */
    SoakOutcome run(PeerProcess victim, double stallSeconds) {
        long deadline = Watchdog.deadline(stallSeconds);
        AtomicLong sent = new AtomicLong();
        CountDownLatch resume = new CountDownLatch(1);
        Context context = Context.create();
        try {
            PushSocket push = context.createPush();
            push.set(SocketOptions.SEND_HWM, hwm);
            push.set(SocketOptions.LINGER, Duration.ZERO);
            AtomicLong disconnects = new AtomicLong();
            push.monitor(event -> disconnects.addAndGet(event.type() == MonitorEventType.DISCONNECTED ? 1 : 0));
            String endpoint = push.bind(transport.bindEndpoint());
            victim.request(tail(endpoint, 0, Long.MAX_VALUE));
            FutureTask<Long> sender = Watchdog.start("soak-crash-sender-" + round, () -> send(push, sent, resume));
            awaitUntil(() -> sent.get() == KILL_AT || sender.isDone(), deadline, "the first " + KILL_AT
                    + " messages to be sent", victim);
            victim.close();
            if (!victim.awaitExit(PEER_EXIT_SECONDS)) {
                throw new BenchFailure("soak round " + this + ": the killed peer JVM did not exit");
            }
            awaitUntil(() -> disconnects.get() > 0, deadline, "the PUSH's monitor to report DISCONNECTED",
                    Watchdog.NO_PEER);
            resume.countDown();
            survivorPeer = PeerProcess.start(List.of(BenchOptions.SOAK_PEER));
            survivorPeer.request(tail(endpoint, KILL_AT, MESSAGES - 1));
            Watchdog.await("soak round " + this + ": sender after the kill", sender, deadline, survivorPeer,
                    context::close);
            String[] report = awaitReport(push, endpoint, deadline);
            String problem = null;
            long missing = 0;
            if (!"OK".equals(report[3])) {
                problem = "round " + this + ": the new peer reported " + String.join(" ", report);
            } else {
                missing = Long.parseLong(report[4]);
                if (missing != Long.parseLong(report[5]) - KILL_AT || missing > hwm) {
                    problem = "round " + this + ": " + missing + " of the " + (MESSAGES - KILL_AT) + " messages "
                            + "sent after the kill never reached the new peer, not just the first (at most HWM)";
                }
            }
            push.close();
            return new SoakOutcome("kill-9 push/pull", true, MESSAGES, Long.parseLong(report[2]), 0,
                    missing, 0, problem);
        } finally {
            resume.countDown();
            context.close();
        }
    }

    /** The new peer's report; if it does not come, a stall with thread dumps of both JVMs. */
    private String[] awaitReport(PushSocket push, String endpoint, long deadline) {
        try {
            return survivorPeer.awaitLine(SoakPeer.REPORT, Math.max(0, deadline - System.nanoTime()) / 1e9);
        } catch (BenchFailure e) {
            if (survivorPeer.hasExited()) {
                throw e;
            }
            String stall = "soak round " + this + ": all sent, but the new peer did not report before the deadline; "
                    + StallEvidence.of(push, endpoint);
            Path dump = StallReport.write(stall, survivorPeer);
            throw new BenchFailure(stall + "; " + StallReport.describe(dump), dump);
        }
    }

    private void awaitUntil(BooleanSupplier condition, long deadline, String what, Watchdog.Peer peer) {
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() - deadline > 0) {
                String stall = "soak round " + this + ": gave up waiting for " + what;
                Path dump = StallReport.write(stall, peer);
                throw new BenchFailure(stall + "; " + StallReport.describe(dump), dump);
            }
            LockSupport.parkNanos(1_000_000);
        }
    }

    /**
     * Returns the peer JVM that took over from the killed one, or null if the round failed before.
     *
     * @return the new peer
     */
    PeerProcess replacement() {
        return survivorPeer;
    }

    private String tail(String endpoint, long from, long last) {
        return String.join(" ", SoakPeer.TAIL, Integer.toString(round), endpoint, Integer.toString(SIZE),
                Integer.toString(hwm), "1", Long.toString(from), Long.toString(last));
    }

    private static long send(PushSocket push, AtomicLong sent, CountDownLatch resume) throws InterruptedException {
        for (long seq = 0; seq < MESSAGES; seq++) {
            if (seq == KILL_AT) {
                resume.await();
            }
            Message message = Message.wrap(SoakPayload.body(seq, SIZE));
            while (!push.send(message, POLL)) {
                continue;
            }
            sent.set(seq + 1);
        }
        return MESSAGES;
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d (kill -9 of the PULL's JVM, %s, hwm %d, %d B x %d)", round,
                transport.label(), hwm, SIZE, MESSAGES);
    }
}

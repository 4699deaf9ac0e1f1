package dev.meshmq.bench;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.FutureTask;

/**
 * One soak round: MeshMQ PUSH (here, binds) to PULL (in the soak's peer JVM, connects) with one setting
 * of transport, high-water mark (the same for the PUSH's send and the PULL's receive side), spin wait
 * (both contexts) and message size. The sender sends {@link #messages} numbered messages
 * ({@link SoakPayload}); the peer checks each one and reports. The sender and the wait for the report are
 * guarded by one deadline; a miss is a stall, and leaves thread dumps of both JVMs.
 *
 * <p>Thread-safety: immutable settings; {@link #run} is called from one thread at a time.
 */
final class SoakRound {

    static final List<Transport> TRANSPORTS = List.of(Transport.TCP, Transport.IPC);
    static final List<Integer> HWMS = List.of(1, 2, 5);
    static final List<Boolean> SPINS = List.of(true, false);
    static final List<Integer> SIZES = List.of(1, 64, 300, 8192, 65536);
    static final int SETTINGS = TRANSPORTS.size() * HWMS.size() * SPINS.size() * SIZES.size();

    private static final long BYTES_PER_ROUND = 16L << 20;
    private static final long MAX_MESSAGES = 20_000;
    private static final long MIN_MESSAGES = 200;

    final int round;
    final Transport transport;
    final int hwm;
    final boolean spin;
    final int size;
    final long messages;

    /** Round {@code round} takes setting {@code round mod }{@link #SETTINGS}; the transport changes fastest. */
    SoakRound(int round) {
        this.round = round;
        int index = round % SETTINGS;
        transport = TRANSPORTS.get(index % TRANSPORTS.size());
        index /= TRANSPORTS.size();
        hwm = HWMS.get(index % HWMS.size());
        index /= HWMS.size();
        spin = SPINS.get(index % SPINS.size());
        index /= SPINS.size();
        size = SIZES.get(index % SIZES.size());
        messages = Math.max(MIN_MESSAGES, Math.min(MAX_MESSAGES, BYTES_PER_ROUND / size));
    }

    /**
     * Runs the round against the peer.
     *
     * @param peer the soak peer JVM, idle
     * @param stallSeconds the round's deadline
     * @throws BenchFailure on a stall (with dumps), a bad report or a dead peer
     */
    void run(PeerProcess peer, double stallSeconds) {
        long deadline = Watchdog.deadline(stallSeconds);
        Context context = Context.create(SoakPeer.config(spin));
        try {
            PushSocket push = context.createPush();
            push.set(SocketOptions.SEND_HWM, hwm);
            push.set(SocketOptions.LINGER, Duration.ZERO);
            String endpoint = push.bind(transport.bindEndpoint());
            peer.request(String.join(" ", SoakPeer.ROUND, Integer.toString(round), endpoint, Integer.toString(size),
                    Integer.toString(hwm), spin ? "1" : "0", Long.toString(messages)));
            FutureTask<Long> sender = Watchdog.start("soak-sender-" + round, () -> send(push));
            String[] evidence = new String[1];
            try {
                Watchdog.await("soak round " + this + ": sender", sender, deadline, peer, () -> {
                    evidence[0] = StallEvidence.of(push, endpoint);
                    context.close();
                });
            } catch (BenchFailure e) {
                throw evidence[0] == null ? e : new BenchFailure(e.getMessage() + "; " + evidence[0], e);
            }
            String[] report = awaitReport(peer, deadline, push, endpoint);
            if (!Integer.toString(round).equals(report[1]) || !"OK".equals(report[3])) {
                throw new BenchFailure("soak round " + this + ": the peer reported " + String.join(" ", report));
            }
            push.close();
        } finally {
            context.close();
        }
    }

    private long send(PushSocket push) {
        for (long seq = 0; seq < messages; seq++) {
            push.send(Message.wrap(SoakPayload.body(seq, size)));
        }
        return messages;
    }

    private String[] awaitReport(PeerProcess peer, long deadline, PushSocket push, String endpoint) {
        try {
            return peer.awaitLine(SoakPeer.REPORT, Math.max(0, deadline - System.nanoTime()) / 1e9);
        } catch (BenchFailure e) {
            if (peer.hasExited()) {
                throw e;
            }
            String stall = "soak round " + this + ": all sent, but the peer did not report before the deadline; "
                    + StallEvidence.of(push, endpoint);
            Path dump = StallReport.write(stall, peer);
            throw new BenchFailure(stall + "; " + StallReport.describe(dump), dump);
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d (%s, hwm %d, spin %s, %d B x %d)", round, transport.label(), hwm,
                spin ? "on" : "off", size, messages);
    }
}

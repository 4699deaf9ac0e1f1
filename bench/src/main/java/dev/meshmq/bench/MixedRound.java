package dev.meshmq.bench;

import dev.meshmq.Context;
import dev.meshmq.Message;
import dev.meshmq.MessageReceiver;
import dev.meshmq.MessageSender;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * One in-process round of the mixed soak: a fresh context and a fresh {@link SoakPair} (so every round
 * connects and disconnects), numbered messages ({@link SoakPayload}) from the sender to the receiver, each
 * tallied ({@link SeqTally}), and for tcp rounds possibly a fault through a {@link SoakRelay} once a third
 * has been sent: a reset of every connection, or a stall of {@value #STALL_MILLIS} ms. REQ/REP sends each
 * number as a request that the REP echoes; a REQ that has no reply within {@value #REPLY_MILLIS} ms after
 * a reset goes on with the next request (RELAXED and CORRELATE).
 *
 * <p>Invariants checked: nothing is received twice (ZeroMQ promises no duplicates; this counts and reports
 * any), nothing is received that was not sent,
 * and nothing is lost unless a reset was injected: PUSH/PULL, DEALER/ROUTER, REQ/REP and CLIENT/SERVER
 * deliver everything, PUB/SUB delivers everything its statistics do not count as dropped. Any miss of
 * the round's deadline is a stall (thread dump) and a failure.
 *
 * <p>Thread-safety: {@link #run} is called from one thread; it starts a sender and a receiver thread.
 */
final class MixedRound {

    /** A fault injected into a tcp round through the relay. */
    enum Fault { NONE, RESET, STALL }

    static final List<SoakPattern> PATTERNS = List.of(SoakPattern.values());
    static final List<Transport> TRANSPORTS = List.of(Transport.TCP, Transport.IPC, Transport.INPROC);
    static final List<Fault> FAULTS = List.of(Fault.values());
    static final List<Integer> HWMS = List.of(1, 2, 5);
    static final List<Integer> SIZES = List.of(8, 300, 8192);

    private static final long ONE_WAY_MESSAGES = 2000;
    private static final long REQUESTS = 300;
    private static final long STALL_MILLIS = 300;
    private static final long REPLY_MILLIS = 500;
    private static final long LOSSY_QUIET_MILLIS = 1000;
    private static final Duration POLL = Duration.ofMillis(50);

    final int round;
    final SoakPattern pattern;
    final Transport transport;
    final Fault fault;
    final int hwm;
    final int size;
    final long messages;
    /** PUB/SUB only: the PUB waits at its high-water mark (every other PUB/SUB round) instead of dropping. */
    final boolean nodrop;
    private final AtomicLong staleReplies = new AtomicLong();
    private SoakRelay relay;

    /** Round {@code round}'s settings: the pattern changes every round, then transport, fault, HWM, size. */
    MixedRound(int round) {
        this.round = round;
        pattern = PATTERNS.get(round % PATTERNS.size());
        int index = round / PATTERNS.size();
        transport = TRANSPORTS.get(index % TRANSPORTS.size());
        index /= TRANSPORTS.size();
        fault = transport == Transport.TCP ? FAULTS.get(index % FAULTS.size()) : Fault.NONE;
        index /= FAULTS.size();
        hwm = HWMS.get(index % HWMS.size());
        index /= HWMS.size();
        size = SIZES.get(index % SIZES.size());
        messages = pattern == SoakPattern.REQ_REP ? REQUESTS : ONE_WAY_MESSAGES;
        nodrop = pattern == SoakPattern.PUB_SUB && round / PATTERNS.size() % 2 == 1;
    }

    /**
     * Runs the round.
     *
     * @param stallSeconds the round's deadline
     * @return what it did and whether it broke an invariant
     * @throws BenchFailure on a stall (with a thread dump) or an unexpected error
     */
    SoakOutcome run(double stallSeconds) {
        long deadline = Watchdog.deadline(stallSeconds);
        Context context = Context.create();
        try {
            SoakPair pair = SoakPair.open(pattern, context, transport, hwm, nodrop, this::route);
            if (!pair.awaitReady(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                throw new BenchFailure("soak round " + this + ": the PUB never saw its subscriber");
            }
            SeqTally tally = new SeqTally(size, messages);
            SeqTally requests = new SeqTally(size, messages);
            AtomicLong sent = new AtomicLong();
            AtomicBoolean senderDone = new AtomicBoolean();
            long quiet = fault == Fault.RESET ? LOSSY_QUIET_MILLIS : (long) (stallSeconds * 250);
            FutureTask<Long> receiver = Watchdog.start("soak-receiver-" + round, () -> pattern == SoakPattern.REQ_REP
                    ? echo(pair, requests, senderDone) : receive(pair, tally, senderDone, quiet));
            FutureTask<Long> sender = Watchdog.start("soak-sender-" + round, () -> pattern == SoakPattern.REQ_REP
                    ? request(pair, tally, sent) : send(pair.sender(), sent));
            injectFault(sent, sender, deadline);
            Watchdog.await("soak round " + this + ": sender", sender, deadline, Watchdog.NO_PEER, context::close);
            senderDone.set(true);
            Watchdog.await("soak round " + this + ": receiver", receiver, deadline, Watchdog.NO_PEER,
                    context::close);
            long dropped = pair.publisherDrops();
            pair.close();
            return outcome(tally, requests, dropped);
        } finally {
            context.close();
            if (relay != null) {
                relay.close();
            }
        }
    }

    private String route(String endpoint) {
        if (fault == Fault.NONE) {
            return endpoint;
        }
        relay = SoakRelay.start(endpoint);
        return relay.endpoint();
    }

    /** Injects the fault once a third is sent; gives up at the deadline (the sender's await reports it). */
    private void injectFault(AtomicLong sent, FutureTask<Long> sender, long deadline) {
        if (fault == Fault.NONE) {
            return;
        }
        while (sent.get() < messages / 3 && !sender.isDone()) {
            if (System.nanoTime() - deadline > 0) {
                return;
            }
            LockSupport.parkNanos(1_000_000);
        }
        if (fault == Fault.RESET) {
            relay.reset();
        } else {
            relay.stall(true);
            long until = System.nanoTime() + STALL_MILLIS * 1_000_000;
            for (long left = until - System.nanoTime(); left > 0; left = until - System.nanoTime()) {
                LockSupport.parkNanos(left);
            }
            relay.stall(false);
        }
    }

    private long send(MessageSender sender, AtomicLong sent) {
        for (long seq = 0; seq < messages; seq++) {
            Message message = Message.wrap(SoakPayload.body(seq, size));
            while (!sender.send(message, POLL)) {
                continue;
            }
            sent.set(seq + 1);
        }
        return messages;
    }

    private long receive(SoakPair pair, SeqTally tally, AtomicBoolean senderDone, long quietMillis) {
        MessageReceiver receiver = pair.receiver();
        long lastArrival = System.nanoTime();
        while (tally.distinct() + pair.publisherDrops() < messages) {
            Optional<Message> message = receiver.receive(POLL);
            if (message.isPresent()) {
                tally.record(message.get());
                lastArrival = System.nanoTime();
            } else if (senderDone.get() && System.nanoTime() - lastArrival > quietMillis * 1_000_000) {
                break;
            }
        }
        return tally.distinct();
    }

    private long echo(SoakPair pair, SeqTally requests, AtomicBoolean senderDone) {
        MessageReceiver rep = pair.receiver();
        while (!senderDone.get()) {
            Optional<Message> request = rep.receive(POLL);
            if (request.isPresent()) {
                requests.record(request.get());
                while (!pair.reply(request.get(), POLL) && !senderDone.get()) {
                    continue;
                }
            }
        }
        return requests.distinct();
    }

    private long request(SoakPair pair, SeqTally replies, AtomicLong sent) {
        Duration wait = fault == Fault.RESET ? Duration.ofMillis(REPLY_MILLIS) : POLL;
        for (long seq = 0; seq < messages; seq++) {
            Message message = Message.wrap(SoakPayload.body(seq, size));
            while (!pair.sender().send(message, POLL)) {
                continue;
            }
            sent.set(seq + 1);
            Optional<Message> reply = pair.receiveReply(wait);
            while (reply.isEmpty() && fault != Fault.RESET) {
                reply = pair.receiveReply(wait);
            }
            if (reply.isPresent() && replies.record(reply.get()) != seq) {
                staleReplies.incrementAndGet();
            }
        }
        return messages;
    }

    private SoakOutcome outcome(SeqTally tally, SeqTally requests, long dropped) {
        long duplicates = tally.duplicates() + requests.duplicates();
        long unaccounted = messages - tally.distinct() - dropped;
        boolean lossAllowed = fault == Fault.RESET;
        String problem = null;
        if (tally.corrupt() + requests.corrupt() > 0 || duplicates > 0) {
            problem = tally.firstProblem() != null ? tally.firstProblem() : requests.firstProblem();
        } else if (staleReplies.get() > 0) {
            problem = staleReplies.get() + " replies answered another request than the one waiting (CORRELATE)";
        } else if (unaccounted != 0 && !lossAllowed) {
            problem = unaccounted + " of " + messages + " messages neither delivered nor counted as dropped";
        }
        String kind = pattern.label();
        return new SoakOutcome(kind, fault != Fault.NONE, messages, tally.distinct(), duplicates,
                lossAllowed ? Math.max(0, unaccounted) : 0, dropped,
                problem == null ? null : "round " + this + ": " + problem);
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "%d (%s%s %s, fault %s, hwm %d, %d B x %d)", round, pattern.label(),
                nodrop ? " nodrop" : "", transport.label(), fault.name().toLowerCase(Locale.ROOT), hwm, size,
                messages);
    }
}

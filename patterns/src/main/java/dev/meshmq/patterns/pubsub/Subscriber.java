package dev.meshmq.patterns.pubsub;

import dev.meshmq.Message;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.patterns.monitor.DropBursts;
import dev.meshmq.transport.PeerInfo;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.SafeLogger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A publisher's view of one subscriber link: the link and what was sent to it and dropped for it.
 *
 * <p>Thread-safety: the counters are written by the socket's caller thread only and may be read from
 * any thread; {@link #matched} belongs to the caller thread.
 */
final class Subscriber {

    private static final System.Logger LOG = SafeLogger.named(Subscriber.class.getName());

    final PeerLink link;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    /** Messages dropped since the last one queued: non-zero while the subscriber is dropping. */
    private long droppedInRun;
    /** Reports this subscriber's drops as JFR drop-burst events while a recording wants them. */
    private final DropBursts bursts;

    /** Scratch mark used while working out who a message goes to. */
    boolean matched;

    /** Disconnected for asking for more topics than MAX_SUBSCRIPTIONS: what it sends is ignored. */
    boolean refused;

    private final String socketType;

    Subscriber(PeerLink link, String socketType) {
        this.link = link;
        this.socketType = socketType;
        this.bursts = new DropBursts(socketType, link.endpoint(), "hwm", this::remoteAddress);
    }

    /** What became of one copy of a message. */
    enum Delivery {
        /** Queued for the subscriber. */
        QUEUED,
        /** Dropped: the subscriber's queue is at its high-water mark. */
        DROPPED,
        /** Not sent: the subscriber is going away. */
        GONE
    }

    /**
     * Queues the message for this subscriber if its queue has room, counting the outcome, and tells the
     * listener (if any) when a run of drops starts or ends.
     */
    Delivery offer(Message message, DropNotifier notifier) {
        if (link.outbound().write(message)) {
            sent.lazySet(sent.get() + 1);
            if (droppedInRun != 0) {
                endDropRun(notifier);
            }
            return Delivery.QUEUED;
        }
        if (link.outbound().isReaderClosed()) {
            return Delivery.GONE;
        }
        dropped.lazySet(dropped.get() + 1);
        bursts.dropped(1);
        if (droppedInRun++ == 0) {
            notifier.notify(this, true, 1, dropped.get());
        }
        return Delivery.DROPPED;
    }

    /**
     * Counts a copy dropped because the message cannot travel to this subscriber at all (too long for
     * one udp datagram); not a high-water-mark drop, so it neither starts a drop run nor makes a burst.
     */
    void droppedTooLarge() {
        dropped.lazySet(dropped.get() + 1);
    }

    /** Ends a run of drops (the subscriber took a message, or is going away), telling the listener. */
    void endDropRun(DropNotifier notifier) {
        if (droppedInRun != 0) {
            long run = droppedInRun;
            droppedInRun = 0;
            bursts.flush();
            notifier.notify(this, false, run, dropped.get());
        }
    }

    /**
     * Disconnects this subscriber for asking for more than {@code max} topics or groups (MAX_SUBSCRIPTIONS):
     * its connection is closed, its link ended, a WARNING names it, and from now on it is {@link #refused}.
     *
     * @param what "topics" or "groups", for the log
     * @param max the limit
     */
    void refuse(String what, int max) {
        refused = true;
        LOG.log(System.Logger.Level.WARNING, "{0} socket disconnects the subscriber {1} on {2}: it asked for more "
                + "than MAX_SUBSCRIPTIONS {3} {4}", socketType, remoteAddress(), link.endpoint(), String.valueOf(max),
                what);
        link.outbound().closeWriting();
        link.inbound().closeReading();
        link.terminate(0);
    }

    /** Returns the subscriber's address, or its endpoint if the address is not known. */
    String remoteAddress() {
        PeerInfo peer = link.peer();
        return peer == null ? link.endpoint() : peer.remoteAddress();
    }

    PublisherStatistics.Peer snapshot() {
        return new PublisherStatistics.Peer(link.endpoint(), remoteAddress(), sent.get(), dropped.get(),
                link.outbound().size());
    }
}

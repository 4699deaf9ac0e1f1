package dev.meshmq.patterns;

import dev.meshmq.Message;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.transport.PeerInfo;
import dev.meshmq.transport.PeerLink;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A publisher's view of one subscriber link: the link and what was sent to it and dropped for it.
 *
 * <p>Thread-safety: the counters are written by the socket's caller thread only and may be read from
 * any thread; {@link #matched} belongs to the caller thread.
 */
final class Subscriber {

    final PeerLink link;
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();

    /** Scratch mark used while working out who a message goes to. */
    boolean matched;

    Subscriber(PeerLink link) {
        this.link = link;
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

    /** Queues the message for this subscriber if its queue has room, counting the outcome. */
    Delivery offer(Message message) {
        if (link.outbound().write(message)) {
            sent.lazySet(sent.get() + 1);
            return Delivery.QUEUED;
        }
        if (link.outbound().isReaderClosed()) {
            return Delivery.GONE;
        }
        dropped.lazySet(dropped.get() + 1);
        return Delivery.DROPPED;
    }

    PublisherStatistics.Peer snapshot() {
        PeerInfo peer = link.peer();
        String remote = peer == null ? link.endpoint() : peer.remoteAddress();
        return new PublisherStatistics.Peer(link.endpoint(), remote, sent.get(), dropped.get(),
                link.outbound().size());
    }
}

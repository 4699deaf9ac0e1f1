package dev.meshmq.patterns.pubsub;

import dev.meshmq.DropListener;
import dev.meshmq.Message;
import dev.meshmq.PubSocket;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.Timeouts;
import dev.meshmq.transport.PeerLink;
import java.time.Duration;

/**
 * What PUB and XPUB share: the {@link Publisher} that distributes by subscription, reading each
 * subscriber's link for subscriptions, sending that never waits unless XPUB_NODROP, and the public
 * publishing calls.
 *
 * <p>Thread-safety: see {@link SocketBase}; {@link #publisherStatistics()} from any thread.
 */
abstract class PublishingSocket extends SocketBase implements PubSocket, Publisher.Inbound {

    final Publisher publisher = new Publisher(counters());
    private volatile boolean noDrop;
    private volatile boolean invertMatching;

    PublishingSocket(SocketHost context, SocketType type) {
        super(context, type);
    }

    @Override
    protected final void optionsChanged() {
        noDrop = get(SocketOptions.XPUB_NODROP);
        invertMatching = get(SocketOptions.INVERT_MATCHING);
    }

    @Override
    protected final void linkReadable(PeerLink link) {
        publisher.readFrom(link, this);
    }

    @Override
    protected final void linkWritable(PeerLink link) {
        // a send refused under XPUB_NODROP is retried after any event
    }

    /** A publisher drops for full subscribers rather than wait, so a poller always sees it ready. */
    @Override
    protected final boolean canSendNow() {
        return true;
    }

    @Override
    protected final boolean attemptSend(Message message) {
        return publisher.send(message, noDrop, invertMatching);
    }

    @Override
    public final void send(Message message) {
        sendWithin(message, null);
    }

    @Override
    public final boolean send(Message message, Duration timeout) {
        return sendWithin(message, Timeouts.requireTimeout(timeout));
    }

    @Override
    public final PublisherStatistics publisherStatistics() {
        return publisher.statistics();
    }

    @Override
    public final void setDropListener(DropListener listener) {
        publisher.setDropListener(listener);
    }

    @Override
    public final boolean awaitSubscribers(int count, Duration timeout) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return awaitCondition(() -> publisher.subscribedLinks() >= count, Timeouts.requireTimeout(timeout));
    }
}

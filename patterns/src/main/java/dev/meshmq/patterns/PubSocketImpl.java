package dev.meshmq.patterns;

import dev.meshmq.DropListener;
import dev.meshmq.Message;
import dev.meshmq.PubSocket;
import dev.meshmq.PublisherStatistics;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.transport.PeerLink;
import java.time.Duration;

/**
 * PUB: sends each message to the subscribers it matches, dropping for those at their high-water mark
 * (or, with XPUB_NODROP, waiting until all have room). Subscriptions are read from the subscribers'
 * links whenever the socket handles events, and applied at once.
 *
 * <p>Thread-safety: see {@link SocketBase}; {@link #publisherStatistics()} from any thread.
 */
final class PubSocketImpl extends SocketBase implements PubSocket, Publisher.Inbound {

    private final Publisher publisher = new Publisher(counters());

    PubSocketImpl(MeshContext context) {
        super(context, SocketType.PUB);
    }

    @Override
    boolean admit(PeerLink link) {
        publisher.add(link);
        publisher.readFrom(link, this);
        return true;
    }

    @Override
    void linkDetached(PeerLink link) {
        publisher.remove(link);
    }

    @Override
    void linkReadable(PeerLink link) {
        publisher.readFrom(link, this);
    }

    @Override
    void linkWritable(PeerLink link) {
        // a send refused under XPUB_NODROP is retried after any event
    }

    /** A publisher drops for full subscribers rather than wait, so a poller always sees it ready. */
    @Override
    boolean canSendNow() {
        return true;
    }

    @Override
    boolean attemptSend(Message message) {
        return publisher.send(message, get(SocketOptions.XPUB_NODROP), get(SocketOptions.INVERT_MATCHING));
    }

    @Override
    Message attemptReceive() {
        throw new UnsupportedOperationException("a PUB socket cannot receive");
    }

    @Override
    public void subscription(PeerLink link, boolean subscribe, byte[] topic) {
        if (subscribe) {
            publisher.subscribe(link, topic);
        } else {
            publisher.cancel(link, topic);
        }
    }

    @Override
    public void other(Message message) {
        // a PUB socket ignores anything else its subscribers send
    }

    @Override
    public void orphaned(byte[] topic) {
        // nobody to tell
    }

    @Override
    public void send(Message message) {
        sendWithin(message, null);
    }

    @Override
    public boolean send(Message message, Duration timeout) {
        return sendWithin(message, PushSocketImpl.requireTimeout(timeout));
    }

    @Override
    public PublisherStatistics publisherStatistics() {
        return publisher.statistics();
    }

    @Override
    public void setDropListener(DropListener listener) {
        publisher.setDropListener(listener);
    }

    @Override
    public boolean awaitSubscribers(int count, Duration timeout) {
        return awaitSubscribers(this, publisher, count, timeout);
    }

    static boolean awaitSubscribers(SocketBase socket, Publisher publisher, int count, Duration timeout) {
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative: " + count);
        }
        return socket.awaitCondition(() -> publisher.subscribedLinks() >= count,
                PushSocketImpl.requireTimeout(timeout));
    }
}

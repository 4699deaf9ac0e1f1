package dev.meshmq.patterns.pubsub;

import dev.meshmq.Message;
import dev.meshmq.SocketOptions;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.transport.PeerLink;

/**
 * PUB: sends each message to the subscribers it matches, dropping for those at their high-water mark
 * (or, with XPUB_NODROP, waiting until all have room). Subscriptions are read from the subscribers'
 * links whenever the socket handles events, and applied at once.
 *
 * <p>Thread-safety: see {@link SocketBase}; {@link #publisherStatistics()} from any thread.
 */
public final class PubSocketImpl extends PublishingSocket {

    /** Creates the socket in the context {@code context}; called by the context only. */
    public PubSocketImpl(SocketHost context) {
        super(context, SocketType.PUB);
    }

    @Override
    protected boolean admit(PeerLink link) {
        publisher.add(link);
        publisher.readFrom(link, this);
        return true;
    }

    @Override
    protected void linkDetached(PeerLink link) {
        publisher.remove(link);
    }

    @Override
    protected Message attemptReceive() {
        throw new UnsupportedOperationException("a PUB socket cannot receive");
    }

    @Override
    public void subscription(PeerLink link, boolean subscribe, byte[] topic) {
        if (subscribe) {
            if (publisher.admitSubscribe(link, topic, get(SocketOptions.MAX_SUBSCRIPTIONS))) {
                publisher.subscribe(link, topic);
            }
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
}

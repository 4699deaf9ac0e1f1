package dev.meshmq.patterns.pubsub;

import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.transport.PeerLink;

/**
 * What SUB and XSUB share: their {@link SubscriberLinks} (the fair queue of publishers, the
 * subscriptions this socket holds, and sending them to every publisher, also after reconnects).
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
abstract class SubscribingSocket extends SocketBase {

    final SubscriberLinks links = new SubscriberLinks();

    SubscribingSocket(SocketHost context, SocketType type) {
        super(context, type);
    }

    @Override
    protected final boolean admit(PeerLink link) {
        links.admit(link);
        return true;
    }

    @Override
    protected final void linkDetached(PeerLink link) {
        links.detached(link);
    }

    @Override
    protected final void linkReadable(PeerLink link) {
        links.readable(link);
    }

    @Override
    protected final void linkWritable(PeerLink link) {
        links.writable(link);
    }
}

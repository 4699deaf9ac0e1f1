package dev.meshmq.patterns;

import dev.meshmq.SocketType;
import dev.meshmq.transport.PeerLink;

/**
 * What SUB and XSUB share: their {@link SubscriberLinks} (the fair queue of publishers, the
 * subscriptions this socket holds, and sending them to every publisher, also after reconnects).
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
abstract class SubscribingSocket extends SocketBase {

    final SubscriberLinks links = new SubscriberLinks();

    SubscribingSocket(MeshContext context, SocketType type) {
        super(context, type);
    }

    @Override
    final boolean admit(PeerLink link) {
        links.admit(link);
        return true;
    }

    @Override
    final void linkDetached(PeerLink link) {
        links.detached(link);
    }

    @Override
    final void linkReadable(PeerLink link) {
        links.readable(link);
    }

    @Override
    final void linkWritable(PeerLink link) {
        links.writable(link);
    }
}

package dev.meshmq.patterns;

import dev.meshmq.DealerSocket;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.transport.PeerLink;

/**
 * DEALER: round-robin out, fair-queued in, no envelope rules.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
final class DealerSocketImpl extends DuplexSocket implements DealerSocket {

    private final LoadBalancer outbound = new LoadBalancer();
    private final FairQueue inbound = new FairQueue(link -> { });

    DealerSocketImpl(MeshContext context) {
        super(context, SocketType.DEALER);
    }

    @Override
    boolean admit(PeerLink link) {
        outbound.activate(link);
        inbound.activate(link);
        Probe.sendIfEnabled(this, link);
        return true;
    }

    @Override
    void linkDetached(PeerLink link) {
        outbound.remove(link);
        inbound.activate(link);
    }

    @Override
    void linkReadable(PeerLink link) {
        inbound.activate(link);
    }

    @Override
    void linkWritable(PeerLink link) {
        outbound.activate(link);
    }

    @Override
    boolean canSendNow() {
        return outbound.hasRoom();
    }

    @Override
    boolean attemptSend(Message message) {
        return outbound.send(message);
    }

    @Override
    Message attemptReceive() {
        return inbound.receive();
    }
}

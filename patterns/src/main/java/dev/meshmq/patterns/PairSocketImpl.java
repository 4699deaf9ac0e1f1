package dev.meshmq.patterns;

import dev.meshmq.Message;
import dev.meshmq.PairSocket;
import dev.meshmq.SocketType;
import dev.meshmq.transport.PeerLink;
import java.lang.System.Logger.Level;

/**
 * PAIR: one peer at a time. A second link is refused (its connection closed) while the first lives;
 * once the first is gone and drained, a new peer is taken.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
final class PairSocketImpl extends DuplexSocket implements PairSocket {

    private static final System.Logger LOG = System.getLogger(PairSocketImpl.class.getName());

    private final LoadBalancer outbound = new LoadBalancer();
    private final FairQueue inbound = new FairQueue(this::drained);
    private PeerLink peer;

    PairSocketImpl(MeshContext context) {
        super(context, SocketType.PAIR);
    }

    @Override
    boolean admit(PeerLink link) {
        if (peer != null) {
            LOG.log(Level.DEBUG, "PAIR refuses a second peer on {0}: it already has one on {1}",
                    link.endpoint(), peer.endpoint());
            return false;
        }
        peer = link;
        outbound.activate(link);
        inbound.activate(link);
        return true;
    }

    @Override
    void linkDetached(PeerLink link) {
        outbound.remove(link);
        inbound.activate(link);
        if (link.inbound().isDrainedAndClosed()) {
            drained(link);
        }
    }

    private void drained(PeerLink link) {
        if (link == peer && LinkState.of(link).detached) {
            peer = null;
        }
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

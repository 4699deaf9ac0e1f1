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
final class PairSocketImpl extends BalancedSocket implements PairSocket {

    private static final System.Logger LOG = System.getLogger(PairSocketImpl.class.getName());

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
        return super.admit(link);
    }

    @Override
    void drained(PeerLink link) {
        if (link == peer && LinkState.of(link).detached) {
            peer = null;
        }
    }

    @Override
    boolean attemptSend(Message message) {
        return sendBalanced(message);
    }

    @Override
    Message attemptReceive() {
        return receiveFairly();
    }
}

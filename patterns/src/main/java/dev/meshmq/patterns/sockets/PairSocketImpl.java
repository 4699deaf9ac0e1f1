package dev.meshmq.patterns.sockets;

import dev.meshmq.Message;
import dev.meshmq.PairSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.SafeLogger;
import java.lang.System.Logger.Level;

/**
 * PAIR: one peer at a time. A second link is refused (its connection closed) while the first lives;
 * once the first is gone and drained, a new peer is taken.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public final class PairSocketImpl extends BalancedSocket implements PairSocket {

    /** The logger's name: the class's name before the patterns package was split, kept for logging configurations. */
    static final String LOGGER_NAME = "dev.meshmq.patterns.PairSocketImpl";
    private static final System.Logger LOG = SafeLogger.named(LOGGER_NAME);

    private PeerLink peer;

    /** Creates the socket in the context {@code context}; called by the context only. */
    public PairSocketImpl(SocketHost context) {
        super(context, SocketType.PAIR);
    }

    @Override
    protected boolean admit(PeerLink link) {
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
    protected boolean attemptSend(Message message) {
        return sendBalanced(message);
    }

    @Override
    protected Message attemptReceive() {
        return receiveFairly();
    }
}

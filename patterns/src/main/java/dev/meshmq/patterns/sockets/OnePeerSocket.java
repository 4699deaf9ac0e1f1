package dev.meshmq.patterns.sockets;

import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.transport.PeerLink;
import java.lang.System.Logger.Level;

/**
 * What PAIR and CHANNEL share: one peer at a time. A second link is refused (its connection closed)
 * while the first lives; once the first is gone and drained, a new peer is taken. A tcp or ipc
 * connection accepted meanwhile is closed before its handshake ({@link #refusesNewPeers}), so its
 * sender never writes messages into a connection that is then refused. Messages go to and
 * come from that peer through {@link BalancedSocket}. A subclass may refuse messages its type does not
 * send in {@link #check}, and pass over received ones it does not carry in {@link #accepts}.
 *
 * <p>Thread-safety: see {@link SocketBase} (which takes the lock of the thread-safe types).
 */
abstract class OnePeerSocket extends BalancedSocket {

    private final System.Logger log;
    private PeerLink peer;
    /** Whether {@link #peer} is set, for the I/O threads: a listener refuses new connections meanwhile. */
    private volatile boolean hasPeer;

    OnePeerSocket(SocketHost context, SocketType type, System.Logger log) {
        super(context, type);
        this.log = log;
    }

    /** Refuses a message this socket type cannot send; by default every message goes. */
    void check(Message message) {
    }

    /** Whether a received message is delivered; one that is not is discarded. By default, every one. */
    boolean accepts(Message message) {
        return true;
    }

    @Override
    protected final boolean admit(PeerLink link) {
        if (peer != null) {
            log.log(Level.DEBUG, "{0} refuses a second peer on {1}: it already has one on {2}",
                    type(), link.endpoint(), peer.endpoint());
            return false;
        }
        peer = link;
        hasPeer = true;
        return super.admit(link);
    }

    @Override
    protected final boolean refusesNewPeers() {
        return hasPeer;
    }

    @Override
    final void drained(PeerLink link) {
        if (link == peer && LinkState.of(link).detached) {
            peer = null;
            hasPeer = false;
        }
    }

    @Override
    protected final boolean attemptSend(Message message) {
        check(message);
        return sendBalanced(message);
    }

    @Override
    protected final Message attemptReceive() {
        Message message;
        while ((message = receiveFairly()) != null) {
            if (accepts(message)) {
                return message;
            }
        }
        return null;
    }
}

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
 * while the first lives; once the first is gone and drained, a new peer is taken. Messages go to and
 * come from that peer through {@link BalancedSocket}. A subclass may refuse messages its type does not
 * send in {@link #check}, and pass over received ones it does not carry in {@link #accepts}.
 *
 * <p>Thread-safety: see {@link SocketBase} (which takes the lock of the thread-safe types).
 */
abstract class OnePeerSocket extends BalancedSocket {

    private final System.Logger log;
    private PeerLink peer;

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
        return super.admit(link);
    }

    @Override
    final void drained(PeerLink link) {
        if (link == peer && LinkState.of(link).detached) {
            peer = null;
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

package dev.meshmq.patterns.sockets;

import dev.meshmq.ChannelSocket;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.transport.PeerLink;
import dev.meshmq.transport.SafeLogger;
import java.lang.System.Logger.Level;

/**
 * CHANNEL: PAIR's rules (one peer at a time, a second refused) for single-frame messages, with the
 * lock of the thread-safe types.
 *
 * <p>Thread-safety: safe for any number of threads ({@link dev.meshmq.patterns.core.SocketBase} takes
 * its lock for this type).
 */
public final class ChannelSocketImpl extends BalancedSocket implements ChannelSocket {

    private static final System.Logger LOG = SafeLogger.named(ChannelSocketImpl.class.getName());

    private PeerLink peer;

    /** Creates the socket in the context {@code context}; called by the context only. */
    public ChannelSocketImpl(SocketHost context) {
        super(context, SocketType.CHANNEL);
    }

    @Override
    protected boolean admit(PeerLink link) {
        if (peer != null) {
            LOG.log(Level.DEBUG, "CHANNEL refuses a second peer on {0}: it already has one on {1}",
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
        SingleFrame.requireSingleFrame(message, "CHANNEL");
        return sendBalanced(message);
    }

    @Override
    protected Message attemptReceive() {
        Message message;
        while ((message = receiveFairly()) != null) {
            if (message.size() == 1) {
                return message;
            }
        }
        return null;
    }
}

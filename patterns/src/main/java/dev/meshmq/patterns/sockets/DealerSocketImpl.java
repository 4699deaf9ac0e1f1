package dev.meshmq.patterns.sockets;

import dev.meshmq.DealerSocket;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;

/**
 * DEALER: round-robin out, fair-queued in, no envelope rules.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public final class DealerSocketImpl extends BalancedSocket implements DealerSocket {

    /** Creates the socket in the context {@code context}; called by the context only. */
    public DealerSocketImpl(SocketHost context) {
        super(context, SocketType.DEALER);
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

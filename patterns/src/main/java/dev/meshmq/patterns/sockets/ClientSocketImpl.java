package dev.meshmq.patterns.sockets;

import dev.meshmq.ClientSocket;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;

/**
 * CLIENT: round-robin out, fair-queued in, single-frame messages, safe for several threads
 * ({@link SocketBase} takes its lock for this type).
 *
 * <p>Thread-safety: safe for any number of threads.
 */
public final class ClientSocketImpl extends BalancedSocket implements ClientSocket {

    /** Creates the socket in the context {@code context}; called by the context only. */
    public ClientSocketImpl(SocketHost context) {
        super(context, SocketType.CLIENT);
    }

    @Override
    protected boolean attemptSend(Message message) {
        SingleFrame.requireSingleFrame(message, "CLIENT");
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

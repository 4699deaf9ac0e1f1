package dev.meshmq.patterns;

import dev.meshmq.DealerSocket;
import dev.meshmq.Message;
import dev.meshmq.SocketType;

/**
 * DEALER: round-robin out, fair-queued in, no envelope rules.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
final class DealerSocketImpl extends BalancedSocket implements DealerSocket {

    DealerSocketImpl(MeshContext context) {
        super(context, SocketType.DEALER);
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

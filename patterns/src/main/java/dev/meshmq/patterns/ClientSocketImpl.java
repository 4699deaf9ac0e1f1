package dev.meshmq.patterns;

import dev.meshmq.ClientSocket;
import dev.meshmq.Message;
import dev.meshmq.SocketType;

/**
 * CLIENT: round-robin out, fair-queued in, single-frame messages, safe for several threads
 * ({@link SocketBase} takes its lock for this type).
 *
 * <p>Thread-safety: safe for any number of threads.
 */
final class ClientSocketImpl extends BalancedSocket implements ClientSocket {

    ClientSocketImpl(MeshContext context) {
        super(context, SocketType.CLIENT);
    }

    @Override
    boolean attemptSend(Message message) {
        SingleFrame.requireSingleFrame(message, "CLIENT");
        return sendBalanced(message);
    }

    @Override
    Message attemptReceive() {
        Message message;
        while ((message = receiveFairly()) != null) {
            if (message.size() == 1) {
                return message;
            }
        }
        return null;
    }
}

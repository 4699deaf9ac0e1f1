package dev.meshmq.patterns;

import dev.meshmq.ClientSocket;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.transport.PeerLink;

/**
 * CLIENT: round-robin out, fair-queued in, single-frame messages, safe for several threads
 * ({@link SocketBase} takes its lock for this type).
 *
 * <p>Thread-safety: safe for any number of threads.
 */
final class ClientSocketImpl extends DuplexSocket implements ClientSocket {

    private final LoadBalancer outbound = new LoadBalancer();
    private final FairQueue inbound = new FairQueue(link -> { });

    ClientSocketImpl(MeshContext context) {
        super(context, SocketType.CLIENT);
    }

    @Override
    boolean admit(PeerLink link) {
        outbound.activate(link);
        inbound.activate(link);
        return true;
    }

    @Override
    void linkDetached(PeerLink link) {
        outbound.remove(link);
        inbound.activate(link);
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
        SingleFrame.requireSingleFrame(message, "CLIENT");
        return outbound.send(message);
    }

    @Override
    Message attemptReceive() {
        Message message;
        while ((message = inbound.receive()) != null) {
            if (message.size() == 1) {
                return message;
            }
        }
        return null;
    }
}

package dev.meshmq.patterns;

import dev.meshmq.Message;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketType;
import dev.meshmq.transport.PeerLink;
import java.time.Duration;

/**
 * PUSH: round-robin over the peers with room, blocking when none has any.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
final class PushSocketImpl extends SocketBase implements PushSocket {

    private final LoadBalancer loadBalancer = new LoadBalancer();

    PushSocketImpl(MeshContext context) {
        super(context, SocketType.PUSH);
    }

    @Override
    boolean admit(PeerLink link) {
        loadBalancer.activate(link);
        return true;
    }

    @Override
    void linkDetached(PeerLink link) {
        loadBalancer.remove(link);
    }

    @Override
    void linkReadable(PeerLink link) {
        // a PUSH socket reads nothing from its peers
    }

    @Override
    void linkWritable(PeerLink link) {
        loadBalancer.activate(link);
    }

    @Override
    boolean canSendNow() {
        return loadBalancer.hasRoom();
    }

    @Override
    boolean attemptSend(Message message) {
        return loadBalancer.send(message);
    }

    @Override
    Message attemptReceive() {
        throw new UnsupportedOperationException("a PUSH socket cannot receive");
    }

    @Override
    public void send(Message message) {
        sendWithin(message, null);
    }

    @Override
    public boolean send(Message message, Duration timeout) {
        return sendWithin(message, requireTimeout(timeout));
    }

    static Duration requireTimeout(Duration timeout) {
        if (timeout == null) {
            throw new NullPointerException("timeout");
        }
        return timeout;
    }
}

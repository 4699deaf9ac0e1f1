package dev.meshmq.patterns.sockets;

import dev.meshmq.Message;
import dev.meshmq.PushSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.Timeouts;
import dev.meshmq.patterns.routing.LoadBalancer;
import dev.meshmq.transport.PeerLink;
import java.time.Duration;

/**
 * PUSH: round-robin over the peers with room, blocking when none has any.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public final class PushSocketImpl extends SocketBase implements PushSocket {

    private final LoadBalancer loadBalancer = new LoadBalancer();

    /** Creates the socket in the context {@code context}; called by the context only. */
    public PushSocketImpl(SocketHost context) {
        super(context, SocketType.PUSH);
    }

    @Override
    protected boolean admit(PeerLink link) {
        loadBalancer.activate(link);
        return true;
    }

    @Override
    protected void linkDetached(PeerLink link) {
        loadBalancer.remove(link);
    }

    @Override
    protected void linkOffline(PeerLink link) {
        loadBalancer.remove(link);
    }

    @Override
    protected void linkReadable(PeerLink link) {
        // a PUSH socket reads nothing from its peers
    }

    @Override
    protected void linkWritable(PeerLink link) {
        loadBalancer.activate(link);
    }

    @Override
    protected boolean canSendNow() {
        return loadBalancer.hasRoom();
    }

    @Override
    protected boolean attemptSend(Message message) {
        return loadBalancer.send(message);
    }

    @Override
    protected Message attemptReceive() {
        throw new UnsupportedOperationException("a PUSH socket cannot receive");
    }

    @Override
    public void send(Message message) {
        sendWithin(message, null);
    }

    @Override
    public boolean send(Message message, Duration timeout) {
        return sendWithin(message, Timeouts.requireTimeout(timeout));
    }
}

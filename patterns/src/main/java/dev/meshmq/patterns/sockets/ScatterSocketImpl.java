package dev.meshmq.patterns.sockets;

import dev.meshmq.Message;
import dev.meshmq.ScatterSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.Timeouts;
import dev.meshmq.patterns.routing.LoadBalancer;
import dev.meshmq.transport.PeerLink;
import java.time.Duration;

/**
 * SCATTER: PUSH's round-robin over the peers with room, for single-frame messages, with the lock of the
 * thread-safe types.
 *
 * <p>Thread-safety: safe for any number of threads ({@link SocketBase} takes its lock for this type).
 */
public final class ScatterSocketImpl extends SocketBase implements ScatterSocket {

    private final LoadBalancer loadBalancer = new LoadBalancer();

    /** Creates the socket in the context {@code context}; called by the context only. */
    public ScatterSocketImpl(SocketHost context) {
        super(context, SocketType.SCATTER);
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
        // a SCATTER socket reads nothing from its peers
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
        SingleFrame.requireSingleFrame(message, "SCATTER");
        return loadBalancer.send(message);
    }

    @Override
    protected Message attemptReceive() {
        throw new UnsupportedOperationException("a SCATTER socket cannot receive");
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

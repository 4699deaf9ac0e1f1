package dev.meshmq.patterns.sockets;

import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.Timeouts;
import dev.meshmq.patterns.routing.LoadBalancer;
import dev.meshmq.transport.PeerLink;
import java.time.Duration;

/**
 * What PUSH and SCATTER share: round-robin over the peers with room, blocking when none has any, and
 * nothing to receive. A subclass may refuse messages its type does not carry in {@link #check}.
 *
 * <p>Thread-safety: see {@link SocketBase} (which takes the lock of the thread-safe types).
 */
abstract class RoundRobinSender extends SocketBase {

    private final LoadBalancer loadBalancer = new LoadBalancer();

    RoundRobinSender(SocketHost context, SocketType type) {
        super(context, type);
    }

    /** Refuses a message this socket type cannot send; by default every message goes. */
    void check(Message message) {
    }

    @Override
    protected final boolean admit(PeerLink link) {
        loadBalancer.activate(link);
        return true;
    }

    @Override
    protected final void linkDetached(PeerLink link) {
        loadBalancer.remove(link);
    }

    @Override
    protected final void linkOffline(PeerLink link) {
        loadBalancer.remove(link);
    }

    @Override
    protected final void linkReadable(PeerLink link) {
        // a sending-only socket reads nothing from its peers
    }

    @Override
    protected final void linkWritable(PeerLink link) {
        loadBalancer.activate(link);
    }

    @Override
    protected final boolean canSendNow() {
        return loadBalancer.hasRoom();
    }

    @Override
    protected final boolean attemptSend(Message message) {
        check(message);
        return loadBalancer.send(message);
    }

    @Override
    protected final Message attemptReceive() {
        throw new UnsupportedOperationException("a " + type() + " socket cannot receive");
    }

    /**
     * Sends, waiting while no peer has room.
     *
     * @param message the message
     */
    public final void send(Message message) {
        sendWithin(message, null);
    }

    /**
     * Sends, waiting up to {@code timeout} while no peer has room.
     *
     * @param message the message
     * @param timeout how long to wait
     * @return false if no peer took it in time
     */
    public final boolean send(Message message, Duration timeout) {
        return sendWithin(message, Timeouts.requireTimeout(timeout));
    }
}

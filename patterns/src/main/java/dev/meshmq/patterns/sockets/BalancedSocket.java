package dev.meshmq.patterns.sockets;

import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.DuplexSocket;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.routing.FairQueue;
import dev.meshmq.patterns.routing.LoadBalancer;
import dev.meshmq.transport.PeerLink;

/**
 * The link handling of the patterns that send round-robin and receive fair-queued (PAIR, DEALER,
 * REQ, CLIENT): every admitted link joins both strategies, leaves the sending rotation when it is
 * detached and stays in the fair queue until drained. Subclasses add their rules on top of
 * {@link #sendBalanced} and {@link #receiveFairly}.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
abstract class BalancedSocket extends DuplexSocket {

    private final LoadBalancer outbound = new LoadBalancer();
    private final FairQueue inbound = new FairQueue(this::drained);

    BalancedSocket(SocketHost context, SocketType type) {
        super(context, type);
    }

    @Override
    protected boolean admit(PeerLink link) {
        outbound.activate(link);
        inbound.activate(link);
        Probe.sendIfEnabled(this, link);
        return true;
    }

    /** A detached link has been read to the end. */
    void drained(PeerLink link) {
        // most patterns keep nothing per link
    }

    @Override
    protected void linkDetached(PeerLink link) {
        outbound.remove(link);
        inbound.activate(link);
        if (link.inbound().isDrainedAndClosed()) {
            drained(link);
        }
    }

    @Override
    protected void linkOffline(PeerLink link) {
        outbound.remove(link);
    }

    @Override
    protected final void linkReadable(PeerLink link) {
        inbound.activate(link);
    }

    @Override
    protected final void linkWritable(PeerLink link) {
        outbound.activate(link);
    }

    @Override
    protected boolean canSendNow() {
        return outbound.hasRoom();
    }

    /** Sends to the next link with room; false if none has any. */
    final boolean sendBalanced(Message message) {
        return outbound.send(message);
    }

    /** The link the last {@link #sendBalanced} used. */
    final PeerLink lastSendLink() {
        return outbound.lastLink();
    }

    /** Receives the next message in turn, or null. */
    final Message receiveFairly() {
        return inbound.receive();
    }

    /** The link the last {@link #receiveFairly} message came from. */
    final PeerLink lastReceiveLink() {
        return inbound.lastLink();
    }
}

package dev.meshmq.patterns.sockets;

import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.Timeouts;
import dev.meshmq.patterns.routing.FairQueue;
import dev.meshmq.transport.PeerLink;
import java.time.Duration;
import java.util.Optional;

/**
 * PULL: fair-queued receipt from every connected PUSH peer.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
public final class PullSocketImpl extends SocketBase implements PullSocket {

    private final FairQueue fairQueue = new FairQueue(link -> { });

    /** Creates the socket in the context {@code context}; called by the context only. */
    public PullSocketImpl(SocketHost context) {
        super(context, SocketType.PULL);
    }

    @Override
    protected boolean admit(PeerLink link) {
        fairQueue.activate(link);
        return true;
    }

    @Override
    protected void linkDetached(PeerLink link) {
        fairQueue.activate(link);
    }

    @Override
    protected void linkReadable(PeerLink link) {
        fairQueue.activate(link);
    }

    @Override
    protected void linkWritable(PeerLink link) {
        // a PULL socket sends nothing to its peers
    }

    @Override
    protected boolean attemptSend(Message message) {
        throw new UnsupportedOperationException("a PULL socket cannot send");
    }

    @Override
    protected Message attemptReceive() {
        return fairQueue.receive();
    }

    @Override
    public Message receive() {
        return receiveWithin(null);
    }

    @Override
    public Optional<Message> receive(Duration timeout) {
        return Optional.ofNullable(receiveWithin(Timeouts.requireTimeout(timeout)));
    }
}

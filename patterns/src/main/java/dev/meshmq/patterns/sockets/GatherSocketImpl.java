package dev.meshmq.patterns.sockets;

import dev.meshmq.GatherSocket;
import dev.meshmq.Message;
import dev.meshmq.SocketType;
import dev.meshmq.patterns.core.SocketBase;
import dev.meshmq.patterns.core.SocketHost;
import dev.meshmq.patterns.core.Timeouts;
import dev.meshmq.patterns.routing.FairQueue;
import dev.meshmq.transport.PeerLink;
import java.time.Duration;
import java.util.Optional;

/**
 * GATHER: PULL's fair queue over the peers, single-frame messages only (a multipart one is discarded),
 * with the lock of the thread-safe types.
 *
 * <p>Thread-safety: safe for any number of threads ({@link SocketBase} takes its lock for this type).
 */
public final class GatherSocketImpl extends SocketBase implements GatherSocket {

    private final FairQueue fairQueue = new FairQueue(link -> { });

    /** Creates the socket in the context {@code context}; called by the context only. */
    public GatherSocketImpl(SocketHost context) {
        super(context, SocketType.GATHER);
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
        // a GATHER socket sends nothing to its peers
    }

    @Override
    protected boolean attemptSend(Message message) {
        throw new UnsupportedOperationException("a GATHER socket cannot send");
    }

    @Override
    protected Message attemptReceive() {
        Message message;
        while ((message = fairQueue.receive()) != null) {
            if (message.size() == 1) {
                return message;
            }
        }
        return null;
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

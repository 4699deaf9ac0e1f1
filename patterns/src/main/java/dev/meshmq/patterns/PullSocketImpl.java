package dev.meshmq.patterns;

import dev.meshmq.Message;
import dev.meshmq.PullSocket;
import dev.meshmq.SocketType;
import dev.meshmq.transport.PeerLink;
import java.time.Duration;
import java.util.Optional;

/**
 * PULL: fair-queued receipt from every connected PUSH peer.
 *
 * <p>Thread-safety: see {@link SocketBase}.
 */
final class PullSocketImpl extends SocketBase implements PullSocket {

    private final FairQueue fairQueue = new FairQueue(link -> { });

    PullSocketImpl(MeshContext context) {
        super(context, SocketType.PULL);
    }

    @Override
    boolean admit(PeerLink link) {
        fairQueue.activate(link);
        return true;
    }

    @Override
    void linkDetached(PeerLink link) {
        fairQueue.activate(link);
    }

    @Override
    void linkReadable(PeerLink link) {
        fairQueue.activate(link);
    }

    @Override
    void linkWritable(PeerLink link) {
        // a PULL socket sends nothing to its peers
    }

    @Override
    boolean attemptSend(Message message) {
        throw new UnsupportedOperationException("a PULL socket cannot send");
    }

    @Override
    Message attemptReceive() {
        return fairQueue.receive();
    }

    @Override
    public Message receive() {
        return receiveWithin(null);
    }

    @Override
    public Optional<Message> receive(Duration timeout) {
        return Optional.ofNullable(receiveWithin(PushSocketImpl.requireTimeout(timeout)));
    }
}

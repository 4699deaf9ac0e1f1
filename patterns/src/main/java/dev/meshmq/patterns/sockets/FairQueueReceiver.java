package dev.meshmq.patterns.sockets;

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
 * What PULL and GATHER share: fair-queued receipt from every connected peer, and nothing to send. A
 * subclass may pass over messages its type does not carry in {@link #accepts}.
 *
 * <p>Thread-safety: see {@link SocketBase} (which takes the lock of the thread-safe types).
 */
abstract class FairQueueReceiver extends SocketBase {

    private final FairQueue fairQueue = new FairQueue(link -> { });

    FairQueueReceiver(SocketHost context, SocketType type) {
        super(context, type);
    }

    /** Whether a received message is delivered; one that is not is discarded. By default, every one. */
    boolean accepts(Message message) {
        return true;
    }

    @Override
    protected final boolean admit(PeerLink link) {
        fairQueue.activate(link);
        return true;
    }

    @Override
    protected final void linkDetached(PeerLink link) {
        fairQueue.activate(link);
    }

    @Override
    protected final void linkReadable(PeerLink link) {
        fairQueue.activate(link);
    }

    @Override
    protected final void linkWritable(PeerLink link) {
        // a receiving-only socket sends nothing to its peers
    }

    @Override
    protected final boolean attemptSend(Message message) {
        throw new UnsupportedOperationException("a " + type() + " socket cannot send");
    }

    @Override
    protected final Message attemptReceive() {
        Message message;
        while ((message = fairQueue.receive()) != null) {
            if (accepts(message)) {
                return message;
            }
        }
        return null;
    }

    /**
     * Receives, waiting for a message.
     *
     * @return the message
     */
    public final Message receive() {
        return receiveWithin(null);
    }

    /**
     * Receives, waiting up to {@code timeout}.
     *
     * @param timeout how long to wait
     * @return the message, or empty if none came in time
     */
    public final Optional<Message> receive(Duration timeout) {
        return Optional.ofNullable(receiveWithin(Timeouts.requireTimeout(timeout)));
    }
}

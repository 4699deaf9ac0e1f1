package dev.meshmq.patterns.routing;

import dev.meshmq.Message;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.transport.PeerLink;
import java.util.function.Consumer;

/**
 * Receives from many links in turn, one whole message per link per turn, so a busy peer cannot
 * starve the others. Holds only links that may have something to read; a link whose pipe is empty
 * leaves until its pipe reports it readable again, and a detached link leaves for good once drained.
 *
 * <p>Thread-safety: the socket's caller thread only.
 */
public final class FairQueue {

    private final Rotation rotation = new Rotation();
    private PeerLink lastLink;
    private final Consumer<PeerLink> onDrained;

    /**
     * Creates a fair queue.
     *
     * @param onDrained told when a detached link has nothing left to read
     */
    public FairQueue(Consumer<PeerLink> onDrained) {
        this.onDrained = onDrained;
    }

    /**
     * Puts a link (back) in turn, unless it is already there.
     *
     * @param link the link
     */
    public void activate(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (!state.readable) {
            state.readable = true;
            rotation.add(link);
        }
    }

    /**
     * Returns the next message in turn.
     *
     * @return a message, or null if no link has one now
     */
    public Message receive() {
        while (!rotation.isEmpty()) {
            PeerLink link = rotation.current();
            Message message = link.inbound().read();
            if (message != null) {
                lastLink = link;
                rotation.advance();
                return message;
            }
            LinkState.of(link).readable = false;
            rotation.removeCurrent();
            if (link.inbound().isDrainedAndClosed()) {
                onDrained.accept(link);
            }
        }
        return null;
    }

    /**
     * Returns the link of the last successful {@code receive}.
     *
     * @return the link, or null before the first
     */
    public PeerLink lastLink() {
        return lastLink;
    }
}

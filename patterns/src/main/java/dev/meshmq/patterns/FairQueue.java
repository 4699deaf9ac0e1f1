package dev.meshmq.patterns;

import dev.meshmq.Message;
import dev.meshmq.transport.PeerLink;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * Receives from many links in turn, one whole message per link per turn, so a busy peer cannot
 * starve the others. Holds only links that may have something to read; a link whose pipe is empty
 * leaves until its pipe reports it readable again, and a detached link leaves for good once drained.
 *
 * <p>Thread-safety: the socket's caller thread only.
 */
final class FairQueue {

    private final List<PeerLink> active = new ArrayList<>();
    private final Consumer<PeerLink> onDrained;
    private int next;

    /**
     * Creates a fair queue.
     *
     * @param onDrained told when a detached link has nothing left to read
     */
    FairQueue(Consumer<PeerLink> onDrained) {
        this.onDrained = onDrained;
    }

    /**
     * Puts a link (back) in turn, unless it is already there.
     *
     * @param link the link
     */
    void activate(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (!state.readable) {
            state.readable = true;
            active.add(link);
        }
    }

    /**
     * Takes a link out of turn.
     *
     * @param link the link
     */
    void remove(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (state.readable) {
            state.readable = false;
            int index = active.indexOf(link);
            active.remove(index);
            if (index < next) {
                next--;
            }
        }
    }

    /**
     * Returns the next message in turn.
     *
     * @return a message, or null if no link has one now
     */
    Message receive() {
        while (!active.isEmpty()) {
            if (next >= active.size()) {
                next = 0;
            }
            PeerLink link = active.get(next);
            Message message = link.inbound().read();
            if (message != null) {
                next++;
                return message;
            }
            LinkState.of(link).readable = false;
            active.remove(next);
            if (link.inbound().isDrainedAndClosed()) {
                onDrained.accept(link);
            }
        }
        return null;
    }

    /**
     * Returns whether some link may have a message.
     *
     * @return true if any link is in turn
     */
    boolean hasCandidates() {
        return !active.isEmpty();
    }
}

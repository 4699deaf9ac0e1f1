package dev.meshmq.patterns.routing;

import dev.meshmq.Message;
import dev.meshmq.patterns.core.LinkState;
import dev.meshmq.transport.PeerLink;

/**
 * Sends each message whole to one link, in round-robin order over the links that can take it. A
 * link at its high-water mark leaves the rotation until its pipe reports room again; when no link
 * can take a message, {@link #send} says so and the socket waits.
 *
 * <p>Thread-safety: the socket's caller thread only.
 */
public final class LoadBalancer {

    private final Rotation rotation = new Rotation();
    private PeerLink lastLink;

    /**
     * Puts a link (back) in the rotation, unless it is already there, detached or offline (IMMEDIATE).
     *
     * @param link the link
     */
    public void activate(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (!state.writable && !state.detached && !state.offline) {
            state.writable = true;
            rotation.add(link);
        }
    }

    /**
     * Takes a link out of the rotation.
     *
     * @param link the link
     */
    public void remove(PeerLink link) {
        LinkState state = LinkState.of(link);
        if (state.writable) {
            state.writable = false;
            rotation.remove(link);
        }
    }

    /**
     * Returns whether some link has room now; arms the wake-ups of the full ones.
     *
     * @return true if a send would not wait
     */
    public boolean hasRoom() {
        return rotation.anyMatch(link -> link.outbound().hasRoomOrWatch());
    }

    /**
     * Sends to the next link that can take the message.
     *
     * @param message the message
     * @return false if every link is full (or there is none)
     */
    public boolean send(Message message) {
        while (!rotation.isEmpty()) {
            PeerLink link = rotation.current();
            if (link.outbound().write(message)) {
                lastLink = link;
                rotation.advance();
                return true;
            }
            LinkState.of(link).writable = false;
            rotation.removeCurrent();
        }
        return false;
    }

    /**
     * Returns the link of the last successful {@code send}.
     *
     * @return the link, or null before the first
     */
    public PeerLink lastLink() {
        return lastLink;
    }
}
